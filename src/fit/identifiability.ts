/**
 * Which parameters the data given cannot pin down (large relative error, a near-perfect correlation
 * with another parameter, or an optimum on a bound), and what data would: stated for the ladder's
 * quantities in terms of the fitted time constant tau = (R_open + N R_c / 3) C_total.
 */
import type { MatchedData } from './match.js';
import type { RoleOf } from './roles.js';
import type { FitStatistics } from './statistics.js';

export interface IdentifiabilityWarning {
  parameter: string;
  reason: string;
  /** The data that would identify it. */
  remedy: string;
}

const g = (v: number): string => Number(v.toPrecision(3)).toString();

/** Relative standard error above which a parameter is reported as not identified. */
export const UNIDENTIFIED_REL_ERROR = 0.5;
/** |correlation| above which two parameters are reported as not separable. */
export const UNSEPARATED_CORRELATION = 0.995;

export function identifiability(stats: FitStatistics, roles: Map<string, RoleOf>, matched: MatchedData[]): IdentifiabilityWarning[] {
  const value = (role: string): number | undefined => stats.estimates.find((e) => roles.get(e.name)?.role === role)?.value;
  const layers = [...roles.values()][0]?.layers ?? 1;
  const c = value('ctotal') ?? (value('cslit') !== undefined ? value('cslit')! * layers : undefined);
  const rc = value('rc');
  const tau = c !== undefined && rc !== undefined ? ((value('ropen') ?? 0) + (layers * rc) / 3) * c : undefined;
  const cvs = matched.filter((m) => m.analysis.kind === 'cv');
  const rates = cvs.map((m) => (m.analysis.kind === 'cv' ? m.analysis.rate : 0));
  const window = cvs.length && cvs[0]!.analysis.kind === 'cv' ? Math.abs(cvs[0]!.analysis.vVertex - cvs[0]!.analysis.vStart) : undefined;
  const hasEis = matched.some((m) => m.analysis.kind === 'ac');
  const fastRate = tau && window ? window / tau : undefined;
  const remedy = (name: string): string => {
    const role = roles.get(name)?.role;
    switch (role) {
      case 'gamma':
        return `CVs at several scan rates (now ${rates.length ? rates.map((r) => `${g(r)} V/s`).join(', ') : 'none'})${fastRate ? ` reaching window/tau = ${g(fastRate)} V/s` : ''}, where the slits are charged while the current still flows through them; gamma does not act in a small-signal EIS`;
      case 'rc':
        return `${hasEis ? 'an EIS spectrum extending' : 'an EIS spectrum'}${tau ? ` down to f = 1/(2 pi tau) = ${g(1 / (2 * Math.PI * tau))} Hz (the 45-degree region)` : ' through its 45-degree region'}, or a CV at a rate near ${fastRate ? `${g(fastRate)} V/s` : 'window/tau'}`;
      case 'ropen':
        return `an EIS spectrum reaching the high-frequency intercept${tau ? ` (f well above ${g(1 / (2 * Math.PI * tau))} Hz)` : ''}, or a GCD with its IR drop`;
      case 'ctotal':
      case 'cslit':
        return `a slow CV (rate well below ${fastRate ? `${g(fastRate)} V/s` : 'window/tau'}) or an EIS spectrum below ${tau ? `${g(1 / (2 * Math.PI * tau))} Hz` : '1/(2 pi tau)'}`;
      default:
        return 'data that excite the time scale at which this parameter acts (another scan rate, frequency range or current)';
    }
  };
  const out: IdentifiabilityWarning[] = [];
  stats.estimates.forEach((e, j) => {
    const reasons: string[] = [];
    const rel = e.scale === 'log' ? e.relStdErr : e.stdErr / (e.hi - e.lo);
    if (!(rel <= UNIDENTIFIED_REL_ERROR)) reasons.push(`standard error ${e.scale === 'log' ? `${g(100 * e.relStdErr)} % of its value` : `${g(100 * rel)} % of its range`}`);
    stats.correlation[j]!.forEach((r, m) => {
      if (m !== j && Math.abs(r) > UNSEPARATED_CORRELATION) reasons.push(`correlation ${g(r)} with ${stats.estimates[m]!.name}`);
    });
    if (e.atBound) reasons.push(`the optimum sits on its bound ${Math.abs(e.value - e.lo) < Math.abs(e.hi - e.value) ? e.lo : e.hi}`);
    if (reasons.length) out.push({ parameter: e.name, reason: reasons.join('; '), remedy: remedy(e.name) });
  });
  return out;
}
