/**
 * NCM against the TLM it contains (gamma = 0): AIC, BIC and the likelihood-ratio test, from the
 * two fits' SSE on the same weighted data (Gaussian errors of unknown common variance:
 * -2 ln L = n ln(SSE / n) + const). The verdict is the likelihood-ratio test at 1 %: the NCM is
 * needed when 2 ln Lambda = n ln(SSE_TLM / SSE_NCM) exceeds the chi-square(1) 99 % point (6.63).
 */
import { chiSquare1Tail, type FitStatistics } from './statistics.js';

export const LR_SIGNIFICANCE = 0.01;

export interface ModelSelection {
  gammaParameter: string;
  ncm: { sse: number; k: number; aic: number; bic: number };
  tlm: { sse: number; k: number; aic: number; bic: number; values: Record<string, number> };
  /** 2 ln Lambda. */
  lrStatistic: number;
  pValue: number;
  verdict: 'ncm' | 'tlm';
  sentence: string;
}

const g = (v: number): string => Number(v.toPrecision(4)).toString();

export function compareNested(ncm: FitStatistics, tlm: FitStatistics, tlmValues: Record<string, number>, gammaParameter: string): ModelSelection {
  const n = ncm.n;
  const lr = Math.max(0, n * Math.log(tlm.sse / ncm.sse));
  const pValue = chiSquare1Tail(lr);
  const verdict = pValue < LR_SIGNIFICANCE ? 'ncm' : 'tlm';
  const sentence = verdict === 'ncm'
    ? `the NCM is needed: 2 ln Lambda = ${g(lr)}, p = ${pValue.toExponential(2)} < ${LR_SIGNIFICANCE} (the TLM, ${gammaParameter} = 0, is rejected); AIC ${g(ncm.aic)} vs ${g(tlm.aic)}, BIC ${g(ncm.bic)} vs ${g(tlm.bic)}`
    : `the TLM suffices: 2 ln Lambda = ${g(lr)}, p = ${g(pValue)} >= ${LR_SIGNIFICANCE} (${gammaParameter} = 0 is not rejected); AIC ${g(ncm.aic)} vs ${g(tlm.aic)}, BIC ${g(ncm.bic)} vs ${g(tlm.bic)}`;
  return {
    gammaParameter,
    ncm: { sse: ncm.sse, k: ncm.k, aic: ncm.aic, bic: ncm.bic },
    tlm: { sse: tlm.sse, k: tlm.k, aic: tlm.aic, bic: tlm.bic, values: tlmValues },
    lrStatistic: lr,
    pValue,
    verdict,
    sentence,
  };
}
