/**
 * Map projections of the figures: Albers equal-area conic and Lambert conformal conic on the
 * GRS80 ellipsoid (Snyder 1987, "Map Projections — A Working Manual", USGS PP 1395, §14 eq.
 * 14-3…14-6, 3-12 and §15 eq. 15-1…15-2, 14-15, 7-10), and plain lon/lat (x = a·λ, y = a·φ).
 * Projected coordinates are metres, x east, y north (the layout flips y). `choose` picks the
 * projection for 'auto' from the extent of the layer.
 */

/** GRS80 semi-major axis (m) and flattening, as PROJ's `+ellps=GRS80`. */
export const GRS80 = { a: 6378137, f: 1 / 298.257222101 } as const;
const A = GRS80.a;
const E2 = 2 * GRS80.f - GRS80.f * GRS80.f;
const E = Math.sqrt(E2);
const RAD = Math.PI / 180;

/** A projection name other than 'auto'. */
export type ProjectionKind = 'albers' | 'lambert' | 'lonlat';

/** Parameters of a conic projection, in degrees. */
export interface ConicParams {
  /** Standard parallels. */
  readonly lat1: number;
  readonly lat2: number;
  /** Latitude of origin and central meridian. */
  readonly lat0: number;
  readonly lon0: number;
}

/** A ready projection: forward (lon/lat degrees → metres) and its point scale along the parallel. */
export interface Projection {
  readonly kind: ProjectionKind;
  readonly params: ConicParams;
  /** Why this projection: 'china', 'us', 'extent' (auto from the latitudes) or 'chosen'. */
  readonly basis: 'china' | 'us' | 'extent' | 'chosen';
  /** [x, y] in metres. */
  forward(lon: number, lat: number): [number, number];
  /** [lon, lat] in degrees from metres. */
  inverse(x: number, y: number): [number, number];
  /**
   * Scale factor along the parallel at (lon, lat): projected length / true length of a short
   * east–west segment (Snyder eq. 14-15 / 15-4: k = ρ·n / (a·m); lon/lat: 1 / m).
   */
  scaleAlongParallel(lat: number): number;
}

/** Snyder eq. 14-15: m = cos φ / √(1 − e² sin² φ). */
function mOf(phi: number): number {
  const s = Math.sin(phi);
  return Math.cos(phi) / Math.sqrt(1 - E2 * s * s);
}

/** Snyder eq. 3-12: q = (1 − e²)[sin φ / (1 − e² sin² φ) − 1/(2e) ln((1 − e sin φ)/(1 + e sin φ))]. */
function qOf(phi: number): number {
  const s = Math.sin(phi);
  return (1 - E2) * (s / (1 - E2 * s * s) - (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
}

/** Snyder eq. 15-9: t = tan(π/4 − φ/2) / ((1 − e sin φ)/(1 + e sin φ))^(e/2). */
function tOf(phi: number): number {
  const s = Math.sin(phi);
  return Math.tan(Math.PI / 4 - phi / 2) / Math.pow((1 - E * s) / (1 + E * s), E / 2);
}

/**
 * Albers equal-area conic on GRS80 (Snyder §14): n = (m₁² − m₂²)/(q₂ − q₁), C = m₁² + n·q₁,
 * ρ = a·√(C − n·q)/n, θ = n(λ − λ₀), x = ρ sin θ, y = ρ₀ − ρ cos θ. Equal parallels: n = sin φ₁.
 * Same as PROJ `+proj=aea +ellps=GRS80`.
 */
export function albers(p: ConicParams, basis: Projection['basis'] = 'chosen'): Projection {
  const f1 = p.lat1 * RAD, f2 = p.lat2 * RAD, f0 = p.lat0 * RAD, l0 = p.lon0 * RAD;
  const m1 = mOf(f1), m2 = mOf(f2), q1 = qOf(f1), q2 = qOf(f2), q0 = qOf(f0);
  const n = Math.abs(f1 - f2) < 1e-10 ? Math.sin(f1) : (m1 * m1 - m2 * m2) / (q2 - q1);
  const C = m1 * m1 + n * q1;
  const rhoOf = (q: number): number => (A * Math.sqrt(Math.max(0, C - n * q))) / n;
  const rho0 = rhoOf(q0);
  // q at the pole, for the inverse's iteration (Snyder eq. 14-20).
  const qp = qOf(Math.PI / 2);
  return {
    kind: 'albers', params: p, basis,
    forward(lon, lat) {
      const rho = rhoOf(qOf(lat * RAD));
      const theta = n * wrap(lon * RAD - l0);
      return [rho * Math.sin(theta), rho0 - rho * Math.cos(theta)];
    },
    inverse(x, y) {
      const dy = rho0 - y;
      const sgn = n < 0 ? -1 : 1;
      const rho = Math.hypot(x, dy);
      const theta = Math.atan2(sgn * x, sgn * dy);
      const q = (C - (rho * rho * n * n) / (A * A)) / n;
      let phi = Math.asin(Math.max(-1, Math.min(1, q / 2)));
      if (Math.abs(Math.abs(q) - Math.abs(qp)) > 1e-12) {
        for (let i = 0; i < 15; i++) {
          const s = Math.sin(phi);
          const d = ((1 - E2 * s * s) ** 2 / (2 * Math.cos(phi)))
            * (q / (1 - E2) - s / (1 - E2 * s * s) + (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
          phi += d;
          if (Math.abs(d) < 1e-14) break;
        }
      } else phi = Math.sign(q) * Math.PI / 2;
      return [(l0 + theta / n) / RAD, phi / RAD];
    },
    scaleAlongParallel(lat) {
      const phi = lat * RAD;
      return (rhoOf(qOf(phi)) * n) / (A * mOf(phi));
    },
  };
}

/**
 * Lambert conformal conic on GRS80 (Snyder §15): n = (ln m₁ − ln m₂)/(ln t₁ − ln t₂),
 * F = m₁/(n·t₁ⁿ), ρ = a·F·tⁿ, θ = n(λ − λ₀), x = ρ sin θ, y = ρ₀ − ρ cos θ.
 * Equal parallels: n = sin φ₁. Same as PROJ `+proj=lcc +ellps=GRS80`.
 */
export function lambert(p: ConicParams, basis: Projection['basis'] = 'chosen'): Projection {
  const f1 = p.lat1 * RAD, f2 = p.lat2 * RAD, f0 = p.lat0 * RAD, l0 = p.lon0 * RAD;
  const m1 = mOf(f1), m2 = mOf(f2), t1 = tOf(f1), t2 = tOf(f2), t0 = tOf(f0);
  const n = Math.abs(f1 - f2) < 1e-10 ? Math.sin(f1) : (Math.log(m1) - Math.log(m2)) / (Math.log(t1) - Math.log(t2));
  const F = m1 / (n * Math.pow(t1, n));
  const rhoOf = (t: number): number => A * F * Math.pow(t, n);
  const rho0 = rhoOf(t0);
  return {
    kind: 'lambert', params: p, basis,
    forward(lon, lat) {
      const rho = rhoOf(tOf(lat * RAD));
      const theta = n * wrap(lon * RAD - l0);
      return [rho * Math.sin(theta), rho0 - rho * Math.cos(theta)];
    },
    inverse(x, y) {
      const dy = rho0 - y;
      const sgn = n < 0 ? -1 : 1;
      const rho = sgn * Math.hypot(x, dy);
      const theta = Math.atan2(sgn * x, sgn * dy);
      const t = Math.pow(rho / (A * F), 1 / n);
      // Snyder eq. 7-9, iterated.
      let phi = Math.PI / 2 - 2 * Math.atan(t);
      for (let i = 0; i < 15; i++) {
        const s = Math.sin(phi);
        const next = Math.PI / 2 - 2 * Math.atan(t * Math.pow((1 - E * s) / (1 + E * s), E / 2));
        if (Math.abs(next - phi) < 1e-14) { phi = next; break; }
        phi = next;
      }
      return [(l0 + theta / n) / RAD, phi / RAD];
    },
    scaleAlongParallel(lat) {
      const phi = lat * RAD;
      return (rhoOf(tOf(phi)) * n) / (A * mOf(phi));
    },
  };
}

/** Plain lon/lat ("plate carrée" on the ellipsoid's a): x = a·(λ − λ₀), y = a·φ. */
export function lonLat(lon0 = 0): Projection {
  const params = { lat1: 0, lat2: 0, lat0: 0, lon0 };
  return {
    kind: 'lonlat', params, basis: 'chosen',
    forward: (lon, lat) => [A * wrap((lon - lon0) * RAD), A * lat * RAD],
    inverse: (x, y) => [lon0 + x / A / RAD, y / A / RAD],
    scaleAlongParallel: (lat) => 1 / mOf(lat * RAD),
  };
}

/** λ − λ₀ into (−π, π]. */
function wrap(d: number): number {
  if (d > Math.PI) return d - 2 * Math.PI;
  if (d <= -Math.PI) return d + 2 * Math.PI;
  return d;
}

/** Lon/lat bounding box [minLon, minLat, maxLon, maxLat]. */
export type LonLatBox = readonly [number, number, number, number];

/** China's conventional conic parameters: standard parallels 25°N and 47°N, central meridian 105°E. */
export const CHINA_CONIC: ConicParams = { lat1: 25, lat2: 47, lat0: 0, lon0: 105 };
/** Contiguous US (EPSG:5070's parameters): parallels 29.5°N and 45.5°N, origin 23°N, 96°W. */
export const US_CONIC: ConicParams = { lat1: 29.5, lat2: 45.5, lat0: 23, lon0: -96 };

const inside = (b: LonLatBox, x0: number, y0: number, x1: number, y1: number): boolean =>
  b[0] >= x0 && b[1] >= y0 && b[2] <= x1 && b[3] <= y1;

/**
 * The conic parameters 'auto' uses for an extent, and why: China (the extent lies within
 * 70–140°E, 0–56°N) → CHINA_CONIC; the contiguous US (within 130–60°W, 20–55°N) → US_CONIC;
 * otherwise standard parallels at 1/6 and 5/6 of the latitude range, central meridian and
 * origin at the middle of the extent.
 */
export function autoParams(box: LonLatBox): { params: ConicParams; basis: 'china' | 'us' | 'extent' } {
  if (inside(box, 70, 0, 140, 56)) return { params: CHINA_CONIC, basis: 'china' };
  if (inside(box, -130, 20, -60, 55)) return { params: US_CONIC, basis: 'us' };
  const [x0, y0, x1, y1] = box;
  const dy = y1 - y0;
  let lat1 = y0 + dy / 6, lat2 = y0 + (5 * dy) / 6;
  // Parallels symmetric about the equator make the cone a cylinder (n = 0): keep the cone open.
  if (Math.abs(lat1 + lat2) < 1) {
    lat1 = lat1 >= 0 ? Math.max(lat1, 1) : lat1;
    lat2 = lat2 >= 0 ? Math.max(lat2 + 1, lat1 + 1) : lat2;
  }
  return { params: { lat1, lat2, lat0: (y0 + y1) / 2, lon0: (x0 + x1) / 2 }, basis: 'extent' };
}

/**
 * The projection for a figure: 'auto' and 'albers' → Albers equal-area with `autoParams`
 * (China, US or the extent), 'lambert' → Lambert conformal conic with the same parameters,
 * 'lonlat' → plain lon/lat centred on the extent's middle meridian.
 */
export function chooseProjection(name: 'auto' | ProjectionKind, box: LonLatBox): Projection {
  if (name === 'lonlat') return lonLat((box[0] + box[2]) / 2);
  const { params, basis } = autoParams(box);
  return name === 'lambert' ? lambert(params, basis) : albers(params, basis);
}

/** Degrees as "25°N", "105°E", "96°W", "29.5°N" (at most 2 decimals). */
export function formatDegrees(v: number, axis: 'lat' | 'lon'): string {
  const r = Math.round(Math.abs(v) * 100) / 100;
  const h = axis === 'lat' ? (v < 0 ? 'S' : 'N') : (v < 0 ? 'W' : 'E');
  return `${r}°${v === 0 ? '' : h}`;
}
