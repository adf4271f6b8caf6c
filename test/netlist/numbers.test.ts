import { describe, expect, it } from 'vitest';
import { parseScanRate, parseSpiceNumber } from '../../src/netlist/index.js';

describe('SPICE numbers', () => {
  it.each([
    ['1', 1], ['-2.5', -2.5], ['+3', 3], ['.5', 0.5], ['1e-6', 1e-6], ['1E3', 1000], ['2.5e+2', 250],
    ['1f', 1e-15], ['1p', 1e-12], ['10n', 1e-8], ['0.08u', 8e-8], ['4.7µ', 4.7e-6], ['4.7μ', 4.7e-6],
    ['3m', 3e-3], ['3M', 3e-3], ['2k', 2000], ['1meg', 1e6], ['1MEG', 1e6], ['2g', 2e9], ['1t', 1e12], ['1a', 1e-18],
    ['2mil', 50.8e-6], ['10nF', 1e-8], ['5ohm', 5], ['0.2V', 0.2], ['1F', 1e-15], ['10uF', 1e-5], ['1.5e-3k', 1.5], ['5kohm', 5000],
  ])('%s = %d', (word, value) => {
    expect(parseSpiceNumber(word)).toBe(value);
  });

  it.each(['abc', '1x/', '1.2.3', '', '--1', '1k5', 'e5'])('%s is not a number', (word) => {
    expect(parseSpiceNumber(word)).toBeUndefined();
  });
});

describe('scan rates carry a unit', () => {
  it.each([
    ['20mV/us', 20_000], ['4mV/µs', 4000], ['1V/s', 1], ['100mV/s', 0.1], ['2V/ms', 2000], ['5mV/ms', 5], ['1V/us', 1e6], ['0.5e1mV/s', 0.005],
  ])('%s = %d V/s', (word, value) => {
    expect(parseScanRate(word)).toEqual({ ok: true, value });
  });

  it('refuses a bare number and says the unit is missing', () => {
    expect(parseScanRate('20')).toEqual({ ok: false, reason: 'no-unit' });
    expect(parseScanRate('1e3')).toEqual({ ok: false, reason: 'no-unit' });
  });

  it.each(['20mV', '20V/h', 'fast', '20mA/s'])('%s is malformed', (word) => {
    expect(parseScanRate(word)).toEqual({ ok: false, reason: 'malformed' });
  });
});
