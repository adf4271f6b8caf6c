/**
 * Which `.ladder` quantity each parameter sets (rc, gamma, ctotal, cslit, ropen, copen), read from
 * the template's `.ladder` lines. The fit uses it for starting values from the data, for the
 * hints of the identifiability report, and to nest the TLM in the NCM (gamma = 0).
 */
import type { Circuit } from '../circuit/circuit.js';
import type { Expr, NetlistAst, StatementAst } from '../netlist/ast.js';

export type LadderRole = 'rc' | 'gamma' | 'ctotal' | 'cslit' | 'ropen' | 'copen';

export interface RoleOf {
  role: LadderRole;
  ladder: string;
  /** Layers of that ladder (counted in the elaborated circuit). */
  layers: number;
}

function paramsIn(e: Expr | undefined, out: Set<string>): Set<string> {
  if (!e) return out;
  switch (e.kind) {
    case 'param':
      out.add(e.name.toLowerCase());
      break;
    case 'unary':
      paramsIn(e.arg, out);
      break;
    case 'binary':
      paramsIn(e.left, out);
      paramsIn(e.right, out);
      break;
    case 'call':
      for (const a of e.args) paramsIn(a, out);
      break;
    case 'number':
      break;
  }
  return out;
}

/** Parameter name -> its role, for parameters that set exactly one ladder quantity directly. */
export function ladderRoles(ast: NetlistAst, circuit: Circuit): Map<string, RoleOf> {
  const out = new Map<string, RoleOf>();
  const walk = (sts: StatementAst[]): void => {
    for (const st of sts) {
      if (st.kind === 'subckt') walk(st.body);
      if (st.kind !== 'ladder') continue;
      const prefix = `${st.name.name.toLowerCase()}.cslit`;
      const layers = circuit.elements.filter((e) => e.key.startsWith(prefix) || e.key.includes(`.${prefix}`)).length;
      const fields: Array<[LadderRole, Expr | undefined]> = [['rc', st.rc], ['gamma', st.gamma], ['ctotal', st.cTotal], ['cslit', st.cSlit], ['ropen', st.rOpen], ['copen', st.cOpen]];
      for (const [role, e] of fields) {
        // Only a bare {name} sets the quantity itself; an expression of it is left alone.
        if (e?.kind === 'param' || (e?.kind === 'unary' && e.op === '+' && e.arg.kind === 'param')) {
          for (const name of paramsIn(e, new Set())) if (!out.has(name)) out.set(name, { role, ladder: st.name.name, layers });
        }
      }
    }
  };
  walk(ast.statements);
  return out;
}
