/**
 * Inputs and outputs of `buildMapFigure`. The spec type is the engine's structural view of the
 * contract's `MapSpec` (src/contract/figures.ts): a parsed MapSpec can be passed straight in
 * (tests/figures/map/build-map.test.ts checks it compiles), the engine never imports the contract.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { ClassMethod } from '../../stats/class-breaks';
import type { PaletteName } from '../palettes';
import type { ProjectionKind } from '../projection';
import type { FigureLang } from '../words';
import type { Figure } from '../figure';
import type { ChinaReference } from './china';

/** The parts of a map spec the drawing uses (a contract MapSpec fits). */
export interface MapFigureSpec {
  readonly kind: 'choropleth' | 'categorical';
  readonly variable: string;
  readonly periods: readonly { readonly from: number; readonly to: number; readonly label?: string }[];
  readonly classification: {
    readonly method: ClassMethod;
    readonly classes: number;
    readonly breaks?: readonly number[];
    readonly shared: boolean;
  };
  readonly palette: { readonly name: PaletteName; readonly reverse: boolean; readonly center: number | null };
  readonly projection: 'auto' | ProjectionKind;
  readonly lang: FigureLang;
  readonly title?: string;
  readonly subtitle?: string;
  readonly source?: string;
  readonly notes?: string;
  readonly mapApproval?: string;
  readonly groupOutlines: boolean;
  readonly labels: boolean;
  readonly chinaFrame: 'auto' | 'on' | 'off';
  readonly columns?: number;
  readonly size: { readonly widthMm: number; readonly heightMm: number; readonly dpi: number };
}

/** One region of the layer, lon/lat degrees. */
export interface MapRegion {
  readonly id: string;
  readonly name?: string;
  readonly nameZh?: string;
  /** Region group (e.g. NBS East/Central/West/Northeast), for group outlines. */
  readonly group?: string | null;
  readonly geometry: Polygon | MultiPolygon;
}

/** The data of one panel: numbers (choropleth) or category keys (categorical) by region id. */
export interface MapPanelData {
  /** Heading; default from the spec's period ("2008–2012", "2010"), else none. */
  readonly label?: string;
  readonly values?: Readonly<Record<string, number | null>>;
  readonly categories?: Readonly<Record<string, string | null>>;
}

/** Categories of a categorical map: order, labels and (optionally) fixed colours, e.g. LISA. */
export interface MapCategories {
  readonly order: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly colors?: Readonly<Record<string, string>>;
}

/** Everything `buildMapFigure` needs. */
export interface MapFigureInput {
  readonly spec: MapFigureSpec;
  readonly regions: readonly MapRegion[];
  /** One per panel (period); at least one. */
  readonly panels: readonly MapPanelData[];
  /** Legend heading (the variable's label); default `spec.variable`. */
  readonly variableLabel?: string;
  readonly categories?: MapCategories;
  /** Taiwan / Hong Kong / Macao and the South China Sea inset, for China national maps. */
  readonly china?: ChinaReference;
  /** Simulated data: a diagonal "Simulated data / 模拟数据" watermark. */
  readonly simulated?: boolean;
}

/** A warning of the drawing (the summary's `warnings`). */
export interface MapWarning {
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** What a map drew (the contract's figureSummarySchema). */
export interface MapSummary {
  readonly widthPt: number;
  readonly heightPt: number;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly breaks: number[][];
  readonly legend: { label: string; color: string; count: number }[];
  readonly missing: string[][];
  readonly panels: string[];
  readonly warnings: MapWarning[];
  /** The projection as stated in the figure's note. */
  readonly projection: { kind: ProjectionKind; lat1: number; lat2: number; lat0: number; lon0: number; basis: string; note: string };
  /** True when Taiwan/HK/Macao and the South China Sea inset were drawn. */
  readonly chinaFrame: boolean;
  /** Length of the scale bar in km (0 when none fits). */
  readonly scaleBarKm: number;
  /** Heading of the (first) legend. */
  readonly legendHeading: string;
}

/** The result of `buildMapFigure`. */
export interface MapFigureResult {
  readonly figure: Figure;
  readonly summary: MapSummary;
}
