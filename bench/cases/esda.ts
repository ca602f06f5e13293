/**
 * ESDA benchmarks (issue 10): LISA with 999 conditional permutations on n = 50,000 regions
 * (target 3 s, engine only) and global Moran's I + LISA with 999 permutations on n = 3,000
 * (the engine part of `rwb moran`'s 0.4 s whole-process target). W: rook contiguity on a
 * square lattice, row-standardised (4 neighbours inside, 2–3 on the edges).
 */
import type { BenchCase } from '../run';
import { createRng } from '../../src/core/random';
import { moranI } from '../../src/esda/global';
import { localMoran } from '../../src/esda/local';
import { esdaSample } from '../../src/esda/sample';
import { SpatialWeights } from '../../src/weights/spatial-weights';

/** Rook lattice of side × side cells, row-standardised. */
export function lattice(side: number): SpatialWeights {
  const ids = Array.from({ length: side * side }, (_, i) => `r${i}`);
  const rows: number[] = [], cols: number[] = [];
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const i = r * side + c;
      if (c + 1 < side) { rows.push(i, i + 1); cols.push(i + 1, i); }
      if (r + 1 < side) { rows.push(i, i + side); cols.push(i + side, i); }
    }
  }
  return SpatialWeights.fromTriplets(ids, rows, cols, rows.map(() => 1)).transform('R');
}

/** A spatially smooth variable on the lattice plus noise (seeded). */
function field(side: number): Float64Array {
  const rng = createRng(11);
  return Float64Array.from({ length: side * side }, (_, i) => Math.sin((i % side) / 9) + Math.cos(Math.floor(i / side) / 7) + 0.5 * rng.normal());
}

export const cases: BenchCase[] = [
  {
    name: 'esda-lisa-999-n50000',
    targetSeconds: 3,
    repeat: 2,
    setup: () => {
      const side = 224; // 50,176 regions
      const s = esdaSample(field(side), lattice(side), 'bench');
      return () => localMoran(s, { permutations: 999, rng: createRng(1) });
    },
  },
  {
    name: 'esda-moran-lisa-999-n3000',
    targetSeconds: 0.2,
    setup: () => {
      const side = 55; // 3,025 regions
      const s = esdaSample(field(side), lattice(side), 'bench');
      return () => {
        moranI(s, { permutations: 999, rng: createRng(1) });
        localMoran(s, { permutations: 999, rng: createRng(1) });
      };
    },
  },
];
