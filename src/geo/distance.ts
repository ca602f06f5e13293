/**
 * Distances between region locations: great-circle km on lon/lat, planar otherwise.
 */

/** Mean Earth radius in km (IUGG R1), the value of the CLI contract. */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/**
 * Great-circle distance in km by the haversine formula.
 * Formula: d = 2R·asin(√(sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2))), R = 6371.0088 km.
 */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return haversineKmCos(lon1, lat1, Math.cos(lat1 * RAD), lon2, lat2, Math.cos(lat2 * RAD));
}

/** cos(lat · π/180), the factor {@link haversineKmCos} takes precomputed. */
export function cosLatitude(lat: number): number {
  return Math.cos(lat * RAD);
}

/**
 * {@link haversineKm} with cos φ of both points given (from {@link cosLatitude}): the same
 * number, bit for bit, for callers that measure many distances from the same points.
 */
export function haversineKmCos(lon1: number, lat1: number, cos1: number, lon2: number, lat2: number, cos2: number): number {
  const dphi = (lat2 - lat1) * RAD, dlam = (lon2 - lon1) * RAD;
  const s = Math.sin(dphi / 2) ** 2 + cos1 * cos2 * Math.sin(dlam / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Distance function for a point set: haversine km when `lonLat`, Euclidean otherwise. */
export function distanceFn(x: Float64Array, y: Float64Array, lonLat: boolean): (i: number, j: number) => number {
  return lonLat
    ? (i, j) => haversineKm(x[i], y[i], x[j], y[j])
    : (i, j) => Math.hypot(x[i] - x[j], y[i] - y[j]);
}

/**
 * Coordinates for a k-d tree whose Euclidean order equals the distance order: 3-D unit-sphere
 * vectors for lon/lat (chord length is monotone in great-circle distance), the plane otherwise.
 */
export function indexCoordinates(x: Float64Array, y: Float64Array, lonLat: boolean): { dim: 2 | 3; coords: Float64Array } {
  const n = x.length;
  if (!lonLat) {
    const coords = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) { coords[2 * i] = x[i]; coords[2 * i + 1] = y[i]; }
    return { dim: 2, coords };
  }
  const coords = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const lam = x[i] * RAD, phi = y[i] * RAD;
    coords[3 * i] = Math.cos(phi) * Math.cos(lam);
    coords[3 * i + 1] = Math.cos(phi) * Math.sin(lam);
    coords[3 * i + 2] = Math.sin(phi);
  }
  return { dim: 3, coords };
}

/** Chord length on the unit sphere for a great-circle distance in km: 2·sin(d / 2R). */
export function chordForKm(km: number): number {
  const a = km / (2 * EARTH_RADIUS_KM);
  return a >= Math.PI / 2 ? 2 : 2 * Math.sin(a);
}

/** WGS84 semi-major axis (km) and flattening. */
const WGS84_A_KM = 6378.137;
const WGS84_F = 1 / 298.257223563;

/**
 * Distance in km on the WGS84 ellipsoid by the Andoyer–Lambert approximation (error of the
 * order of 50 m on continental distances).
 * Formula (Meeus, Astronomical Algorithms, 2nd ed., ch. 11): F = (φ1+φ2)/2, G = (φ1−φ2)/2,
 * λ = (L1−L2)/2, S = sin²G cos²λ + cos²F sin²λ, C = cos²G cos²λ + sin²F sin²λ,
 * ω = atan √(S/C), R = √(SC)/ω, D = 2ωa, H1 = (3R−1)/(2C), H2 = (3R+1)/(2S),
 * s = D (1 + f H1 sin²F cos²G − f H2 cos²F sin²G).
 * This is the ellipsoidal distance `sp::spDists(longlat = TRUE)` and therefore
 * `spdep::knearneigh(longlat = TRUE)` rank neighbours by.
 */
export function ellipsoidKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  if (lon1 === lon2 && lat1 === lat2) return 0;
  const F = ((lat1 + lat2) / 2) * RAD, G = ((lat1 - lat2) / 2) * RAD, L = ((lon1 - lon2) / 2) * RAD;
  const sG = Math.sin(G) ** 2, cG = Math.cos(G) ** 2, sF = Math.sin(F) ** 2, cF = Math.cos(F) ** 2;
  const sL = Math.sin(L) ** 2, cL = Math.cos(L) ** 2;
  const S = sG * cL + cF * sL, C = cG * cL + sF * sL;
  const w = Math.atan(Math.sqrt(S / C));
  const R = Math.sqrt(S * C) / w;
  const D = 2 * w * WGS84_A_KM;
  const H1 = (3 * R - 1) / (2 * C), H2 = (3 * R + 1) / (2 * S);
  return D * (1 + WGS84_F * H1 * sF * cG - WGS84_F * H2 * cF * sG);
}
