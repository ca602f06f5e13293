/** The yellow banner shown whenever the project carries a notice (simulated data). */

/** Props of the banner. */
export interface NoticeBannerProps {
  /** The project's `notice` meta value; nothing is shown when null. */
  readonly notice: string | null;
}

/** "Simulated demonstration data — not real statistics", impossible to miss. */
export function NoticeBanner({ notice }: NoticeBannerProps) {
  if (!notice) return null;
  return (
    <div className="notice-banner" role="note" title={notice} data-testid="simulated-banner">
      <strong>Simulated demonstration data — not real statistics</strong>
      <div className="small">Generated from a documented spatial Durbin process for demonstration only.</div>
    </div>
  );
}
