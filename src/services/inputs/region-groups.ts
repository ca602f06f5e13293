/**
 * Region groups (the NBS four regions East / Central / West / Northeast of the China samples,
 * the census regions of the US sample): found in a panel's text column, or taken from a
 * project's regions and attached as the `region_group` text column, one rule for the CLI
 * (`--by auto`, `--group region_group=East`) and the app (the by-group table, comparisons).
 */
import type { LongPanel } from '../../core/panel';
import type { ProjectStore } from '../../store/project-store';

/** Name of the text column holding each row's region group on a project panel. */
export const REGION_GROUP_COLUMN = 'region_group';

/** Names of text columns that look like a region-group column. */
const GROUP_COLUMN = /^(region[_ ]?group|regiongroup|region4|nbs[_ ]?region|area|zone|地区|区域|四大区域)$/i;

/**
 * Find the region-group labels of a panel: a text column named like `region_group`, else
 * (when `regionGroups` is given, e.g. from the project's regions) the group of each row's
 * region. Returns undefined when neither exists.
 */
export function findRegionGroups(panel: LongPanel, regionGroups?: ReadonlyMap<string, string>): { column: string; labels: readonly string[] } | undefined {
  for (const [name, values] of Object.entries(panel.text ?? {})) {
    if (GROUP_COLUMN.test(name)) return { column: name, labels: values };
  }
  if (regionGroups && regionGroups.size > 0) {
    return { column: 'regionGroup', labels: panel.ids.map((id) => regionGroups.get(id) ?? '') };
  }
  return undefined;
}

/** Region code → region group, from a project's regions. */
export function storeRegionGroups(store: ProjectStore): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of store.listRegions()) if (r.regionGroup) m.set(r.code, r.regionGroup);
  return m;
}

/**
 * The panel with a `region_group` text column taken from a project's regions, so
 * `region_group=East` and the four-region table work on a project panel, which carries no
 * text columns. Unchanged when the panel already has such a column or the project's regions
 * have no groups.
 */
export function withProjectRegionGroups(panel: LongPanel, store: ProjectStore): LongPanel {
  if (findRegionGroups(panel)) return panel;
  const groups = storeRegionGroups(store);
  if (groups.size === 0) return panel;
  return { ...panel, text: { ...panel.text, [REGION_GROUP_COLUMN]: panel.ids.map((id) => groups.get(id) ?? '') } };
}
