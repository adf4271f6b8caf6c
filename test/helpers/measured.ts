import { expect } from 'vitest';

/**
 * A regression guard: `value` must equal the value measured when the test was written within the
 * relative margin `rel` (stated at each call), so a drift far smaller than a real regression fails.
 */
export function expectMeasured(value: number, measured: number, rel: number): void {
  expect(Math.abs(value - measured), `${value} differs from the measured ${measured} by more than ${rel * 100} %`).toBeLessThanOrEqual(rel * Math.abs(measured));
}
