/**
 * Fill-reducing column ordering: minimum degree on the pattern of A + A^T, computed once per
 * circuit. Exact degrees on an explicit elimination graph; ties broken by index so the order is
 * deterministic. For ladders (each slit node touches its two neighbours and the electrode rail)
 * eliminating a node adds no new edges, so fill and cost stay linear in the number of layers.
 */
import type { CscMatrix } from './csc.js';

export function minimumDegreeOrder(a: CscMatrix): Int32Array {
  const n = a.n;
  const adj: Set<number>[] = [];
  for (let i = 0; i < n; i++) adj.push(new Set());
  for (let j = 0; j < n; j++) {
    for (let p = a.colPtr[j]!; p < a.colPtr[j + 1]!; p++) {
      const i = a.rowIdx[p]!;
      if (i !== j) {
        adj[i]!.add(j);
        adj[j]!.add(i);
      }
    }
  }
  const heap = new MinHeap();
  for (let i = 0; i < n; i++) heap.push(adj[i]!.size, i);
  const done = new Uint8Array(n);
  const order = new Int32Array(n);
  let k = 0;
  while (k < n) {
    const [deg, v] = heap.pop();
    if (done[v] || deg !== adj[v]!.size) continue; // stale entry
    done[v] = 1;
    order[k++] = v;
    const nbrs = Array.from(adj[v]!);
    for (const u of nbrs) adj[u]!.delete(v);
    for (const u of nbrs) {
      const s = adj[u]!;
      for (const w of nbrs) if (w !== u) s.add(w);
    }
    for (const u of nbrs) heap.push(adj[u]!.size, u);
    adj[v]!.clear();
  }
  return order;
}

/** Binary heap of (degree, index) pairs ordered lexicographically. */
class MinHeap {
  private d: number[] = [];
  private v: number[] = [];

  push(deg: number, idx: number): void {
    const d = this.d;
    const v = this.v;
    let i = d.length;
    d.push(deg);
    v.push(idx);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (d[p]! < deg || (d[p] === deg && v[p]! <= idx)) break;
      d[i] = d[p]!;
      v[i] = v[p]!;
      i = p;
    }
    d[i] = deg;
    v[i] = idx;
  }

  pop(): [number, number] {
    const d = this.d;
    const v = this.v;
    const top: [number, number] = [d[0]!, v[0]!];
    const ld = d.pop()!;
    const lv = v.pop()!;
    const n = d.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && (d[r]! < d[l]! || (d[r] === d[l] && v[r]! < v[l]!))) c = r;
        if (d[c]! > ld || (d[c] === ld && v[c]! > lv)) break;
        d[i] = d[c]!;
        v[i] = v[c]!;
        i = c;
      }
      d[i] = ld;
      v[i] = lv;
    }
    return top;
  }
}
