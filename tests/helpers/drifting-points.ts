/**
 * A deterministic GTWR test panel as CSV (id, year, y, x1, x2, lon, lat): `locations` lon/lat
 * points over 75–135° E, 20–50° N, `years` years from 2000, y = 1 + b1·x1 + b2·x2 + noise with
 * b1 drifting east and over time and b2 drifting north (a linear congruential generator seeded
 * with `seed`, so every run writes the same file). Used by the command-line thread tests.
 */
import { writeFileSync } from 'node:fs';

export function writeDriftingPointsCsv(path: string, locations: number, years: number, seed: number): void {
  let state = seed;
  const u = (): number => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
  const lon = Array.from({ length: locations }, () => 75 + 60 * u()), lat = Array.from({ length: locations }, () => 20 + 30 * u());
  const rows = ['id,year,y,x1,x2,lon,lat'];
  for (let t = 0; t < years; t++) {
    for (let l = 0; l < locations; l++) {
      const x1 = u() - 0.5, x2 = u() - 0.5;
      rows.push(`r${l},${2000 + t},${1 + (1 + (lon[l] - 105) / 30 + t / 20) * x1 + (0.5 - (lat[l] - 35) / 20) * x2 + 0.2 * (u() - 0.5)},${x1},${x2},${lon[l]},${lat[l]}`);
    }
  }
  writeFileSync(path, rows.join('\n'));
}
