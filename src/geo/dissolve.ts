/**
 * Dissolve polygons by a key into the outlines of each group, by cancelling shared edges: an
 * edge (two consecutive vertices) that occurs twice within a group, in either direction, lies
 * between two of its members and is dropped; the edges left are the group's boundary, chained
 * into polylines. This is exact for polygons that share vertices along common borders
 * (topologically clean layers such as the bundled China boundaries, or shapefiles built from a
 * topology); where neighbours do not share vertices their common border stays in the outline.
 * Vertices are matched after rounding to `precision` decimals.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** One member of a dissolve: its group key and geometry. */
export interface DissolveInput {
  readonly key: string;
  readonly geometry: Polygon | MultiPolygon;
}

/** The boundary of one group as polylines of positions (closed ones repeat their first point). */
export interface DissolvedOutline {
  readonly key: string;
  readonly lines: Position[][];
}

/**
 * Outlines of the groups, in the order the keys first appear.
 * Formula: boundary(G) = edges of G's rings whose undirected multiplicity within G is odd.
 */
export function dissolveOutlines(inputs: readonly DissolveInput[], precision = 7): DissolvedOutline[] {
  const f = 10 ** precision;
  const byKey = new Map<string, DissolveInput[]>();
  for (const inp of inputs) {
    const list = byKey.get(inp.key);
    if (list) list.push(inp);
    else byKey.set(inp.key, [inp]);
  }
  const out: DissolvedOutline[] = [];
  for (const [key, members] of byKey) {
    const pos = new Map<string, Position>();
    const vkey = (p: Position): string => {
      const k = `${Math.round(p[0] * f)},${Math.round(p[1] * f)}`;
      if (!pos.has(k)) pos.set(k, [p[0], p[1]]);
      return k;
    };
    // Undirected edge → count.
    const count = new Map<string, number>();
    const directed: [string, string][] = [];
    for (const m of members) {
      const polys = m.geometry.type === 'Polygon' ? [m.geometry.coordinates] : m.geometry.coordinates;
      for (const poly of polys) for (const ring of poly) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const a = vkey(ring[i]), b = vkey(ring[i + 1]);
          if (a === b) continue;
          const u = a < b ? `${a}|${b}` : `${b}|${a}`;
          count.set(u, (count.get(u) ?? 0) + 1);
          directed.push([a, b]);
        }
      }
    }
    // Boundary edges: odd multiplicity; keep one direction per undirected edge.
    const adj = new Map<string, string[]>();
    const used = new Set<string>();
    const addAdj = (a: string, b: string): void => {
      const l = adj.get(a);
      if (l) l.push(b);
      else adj.set(a, [b]);
    };
    for (const [a, b] of directed) {
      const u = a < b ? `${a}|${b}` : `${b}|${a}`;
      if ((count.get(u) ?? 0) % 2 === 1 && !used.has(u)) {
        used.add(u);
        addAdj(a, b);
        addAdj(b, a);
      }
    }
    // Chain edges into polylines, starting at vertices of odd degree first so open chains stay whole.
    const visited = new Set<string>();
    const lines: Position[][] = [];
    const walk = (start: string): boolean => {
      const line: string[] = [start];
      let cur = start;
      for (;;) {
        const next = (adj.get(cur) ?? []).find((v) => !visited.has(cur < v ? `${cur}|${v}` : `${v}|${cur}`));
        if (next === undefined) break;
        visited.add(cur < next ? `${cur}|${next}` : `${next}|${cur}`);
        line.push(next);
        cur = next;
      }
      if (line.length > 1) lines.push(line.map((k) => pos.get(k) as Position));
      return line.length > 1;
    };
    const starts = [...adj.keys()];
    for (const v of starts) if ((adj.get(v)?.length ?? 0) % 2 === 1) while (walk(v));
    for (const v of starts) while (walk(v));
    out.push({ key, lines });
  }
  return out;
}
