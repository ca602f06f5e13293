/**
 * Dissolve polygons by a key into the outlines of each group, by cancelling shared edges: an
 * edge (two consecutive vertices) that occurs twice within a group, in either direction, lies
 * between two of its members and is dropped; the edges left are the group's boundary, chained
 * into polylines. This is exact for polygons that share vertices along common borders
 * (topologically clean layers such as the bundled China boundaries, or shapefiles built from a
 * topology); where neighbours do not share vertices their common border stays in the outline.
 * Vertices are matched after rounding to `precision` decimals (default 5: about 1 m in degrees;
 * coordinates up to ±335° at that precision).
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
export function dissolveOutlines(inputs: readonly DissolveInput[], precision = 5): DissolvedOutline[] {
  const f = 10 ** precision;
  const byKey = new Map<string, DissolveInput[]>();
  for (const inp of inputs) {
    const list = byKey.get(inp.key);
    if (list) list.push(inp);
    else byKey.set(inp.key, [inp]);
  }
  const out: DissolvedOutline[] = [];
  for (const [key, members] of byKey) {
    // Vertex ids by rounded coordinates.
    // Numeric key (xi + 2^25)·2^26 + (yi + 2^25): exact for |coordinate|·10^precision < 2^25.
    const ids = new Map<number, number>();
    const pos: Position[] = [];
    const vid = (p: Position): number => {
      const k = (Math.round(p[0] * f) + 33554432) * 67108864 + (Math.round(p[1] * f) + 33554432);
      let id = ids.get(k);
      if (id === undefined) {
        id = pos.length;
        ids.set(k, id);
        pos.push([p[0], p[1]]);
      }
      return id;
    };
    const ea: number[] = [], eb: number[] = [];
    for (const m of members) {
      const polys = m.geometry.type === 'Polygon' ? [m.geometry.coordinates] : m.geometry.coordinates;
      for (const poly of polys) for (const ring of poly) {
        let prev = ring.length > 0 ? vid(ring[0]) : -1;
        for (let i = 1; i < ring.length; i++) {
          const cur = vid(ring[i]);
          if (cur !== prev) { ea.push(prev); eb.push(cur); }
          prev = cur;
        }
      }
    }
    // Undirected multiplicity (key lo·V + hi, exact below 2^53 for V < 9·10^7).
    const V = pos.length;
    const count = new Map<number, number>();
    for (let e = 0; e < ea.length; e++) {
      const a = ea[e], b = eb[e];
      const u = a < b ? a * V + b : b * V + a;
      count.set(u, (count.get(u) ?? 0) + 1);
    }
    // Boundary edges (odd multiplicity), one per undirected edge; adjacency lists of edge indices.
    const bA: number[] = [], bB: number[] = [];
    const adj: number[][] = Array.from({ length: V }, () => []);
    for (const [u, c] of count) {
      if (c % 2 === 0) continue;
      const a = Math.floor(u / V), b = u - a * V;
      const e = bA.length;
      bA.push(a);
      bB.push(b);
      adj[a].push(e);
      adj[b].push(e);
    }
    const used = new Uint8Array(bA.length);
    const next = new Int32Array(V);
    const lines: Position[][] = [];
    const walk = (start: number): boolean => {
      const line: number[] = [start];
      let cur = start;
      for (;;) {
        const list = adj[cur];
        let e = -1;
        while (next[cur] < list.length) {
          const c = list[next[cur]++];
          if (!used[c]) { e = c; break; }
        }
        if (e < 0) break;
        used[e] = 1;
        cur = bA[e] === cur ? bB[e] : bA[e];
        line.push(cur);
      }
      if (line.length > 1) lines.push(line.map((k) => pos[k]));
      return line.length > 1;
    };
    // Open chains start at odd-degree vertices, so they stay whole; then the closed loops.
    for (let v = 0; v < V; v++) if (adj[v].length % 2 === 1) while (walk(v));
    for (let v = 0; v < V; v++) while (walk(v));
    out.push({ key, lines });
  }
  return out;
}
