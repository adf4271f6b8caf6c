/**
 * The symbolic step of a left-looking (Gilbert-Peierls) LU, shared by the real and the complex
 * factorisation: which earlier elimination steps update column j, found by depth-first search
 * from the pivotal rows of A(:, j) in the graph of L. Scratch arrays are kept between columns.
 */
export class ColumnReach {
  /** The steps found by the last `find`, in postorder: read from the end for topological order. */
  readonly steps: Int32Array;
  private readonly visit: Int32Array;
  private readonly stackRow: Int32Array;
  private readonly stackPos: Int32Array;

  constructor(n: number) {
    this.steps = new Int32Array(n);
    this.visit = new Int32Array(n);
    this.stackRow = new Int32Array(n);
    this.stackPos = new Int32Array(n);
  }

  /** Before a new factorisation: no row visited. */
  reset(): void {
    this.visit.fill(-1);
  }

  /**
   * Step k eliminates column j (rows rowIdx[colPtr[j]..colPtr[j+1]]). `pinv[r]` is the step whose
   * pivot is row r (< 0: not yet pivotal); L's column s holds rows li[lp[s]..lp[s+1]]. Returns the
   * number of steps written to `steps`.
   */
  find(k: number, j: number, colPtr: Int32Array, rowIdx: Int32Array, pinv: Int32Array, lp: Int32Array, li: Int32Array): number {
    const { steps, visit, stackRow, stackPos } = this;
    let top = 0;
    for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
      const r0 = rowIdx[p]!;
      if (pinv[r0]! < 0 || visit[r0] === k) continue;
      let sp = 0;
      stackRow[0] = r0;
      stackPos[0] = lp[pinv[r0]!]!;
      visit[r0] = k;
      while (sp >= 0) {
        const r = stackRow[sp]!;
        const s = pinv[r]!;
        let pos = stackPos[sp]!;
        const end = lp[s + 1]!;
        let pushed = false;
        while (pos < end) {
          const c = li[pos++]!;
          if (pinv[c]! >= 0 && visit[c] !== k) {
            stackPos[sp] = pos;
            visit[c] = k;
            sp++;
            stackRow[sp] = c;
            stackPos[sp] = lp[pinv[c]!]!;
            pushed = true;
            break;
          }
        }
        if (!pushed) {
          steps[top++] = s;
          sp--;
        }
      }
    }
    return top;
  }
}
