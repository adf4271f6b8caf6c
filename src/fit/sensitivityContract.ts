/**
 * The sensitivity contract the fit codes against: the request and result of `runWithSensitivities`
 * (src/analyses/sensitivity.ts). The fit takes a `SensitivityProvider` as a parameter, so the
 * engine's forward sensitivities (the default) and the finite-difference fallback
 * (finiteDifference.ts, the bench's comparison) are interchangeable.
 */
import type { AnalysisOptions } from '../analyses/result.js';
import type { SensitivityRequest, SensitivityResult } from '../analyses/sensitivity.js';

export type { CircuitOfParams, SensitivityRequest, SensitivityResult } from '../analyses/sensitivity.js';

export type SensitivityProvider = (req: SensitivityRequest, options?: AnalysisOptions) => SensitivityResult;
