/** Vega-Lite figures of an MD run (rendered to SVG by src/io/plots.ts). */
import type * as vl from 'vega-lite';
import type { MdAnalysis } from './analysis.js';

type Spec = vl.TopLevelSpec;
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const E = 1.602176634e-19;
const ELECTRODE = (sign: number): string => (sign > 0 ? '+ electrode (left)' : '- electrode (right)');

/** Extended Data Fig. 4b: Delta phi_1, Delta rho_1, Delta c_1 (block averages) over time. */
export function deltasSpec(a: MdAnalysis, title: string): Spec {
  const rows: Array<{ t: number; q: string; v: number; electrode: string }> = [];
  for (const el of a.electrodes)
    for (const b of el.blocks) {
      const t = ((b.tStart + b.tEnd) / 2) * 1e12;
      const who = ELECTRODE(el.sign);
      rows.push({ t, q: 'Δφ₁ = φ₂ − φ₁ (mV)', v: b.dphi1 * 1e3, electrode: who });
      rows.push({ t, q: 'Δρ₁ = ρ₂ − ρ₁ (e/nm³)', v: b.drho1 / E / 1e27, electrode: who });
      rows.push({ t, q: 'Δc₁ = c₂ − c₁ (M)', v: b.dc1 / 1000, electrode: who });
    }
  return {
    $schema: SCHEMA,
    title: { text: title, subtitle: 'block averages; the charge step is at t = 0' },
    background: 'white',
    data: { values: rows },
    facet: { row: { field: 'q', type: 'nominal', title: null, sort: ['Δφ₁ = φ₂ − φ₁ (mV)', 'Δρ₁ = ρ₂ − ρ₁ (e/nm³)', 'Δc₁ = c₂ − c₁ (M)'] } },
    spec: {
      width: 520,
      height: 150,
      layer: [
        { mark: { type: 'rule', color: '#999', strokeDash: [3, 3] }, encoding: { y: { datum: 0 } } },
        {
          mark: { type: 'line', point: true },
          encoding: {
            x: { field: 't', type: 'quantitative', title: 'time after the charge step (ps)' },
            y: { field: 'v', type: 'quantitative', title: null },
            color: { field: 'electrode', type: 'nominal', title: null, legend: { labelLimit: 320 } },
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** The estimated transport parts between slit 1 and 2 and the measured I_1 (block values). */
export function partsSpec(a: MdAnalysis, title: string): Spec {
  const rows: Array<{ t: number; part: string; v: number; electrode: string }> = [];
  for (const el of a.electrodes)
    for (const b of el.blocks) {
      const t = ((b.tStart + b.tEnd) / 2) * 1e12;
      const who = ELECTRODE(el.sign);
      // e per ps is a readable unit for a few ions crossing
      const k = 1e-12 / E;
      rows.push({ t, part: 'migration (estimate)', v: b.migration * k, electrode: who });
      rows.push({ t, part: 'diffusion (estimate)', v: b.diffusion * k, electrode: who });
      rows.push({ t, part: 'steric (estimate)', v: b.steric * k, electrode: who });
      rows.push({ t, part: 'I₁ measured', v: b.current * k, electrode: who });
    }
  return {
    $schema: SCHEMA,
    title: { text: title, subtitle: 'between slit 1 and 2, positive toward the reservoir; parts from the mPNP flux laws on slit averages' },
    background: 'white',
    data: { values: rows },
    facet: { row: { field: 'electrode', type: 'nominal', title: null } },
    spec: {
      width: 520,
      height: 180,
      layer: [
        { mark: { type: 'rule', color: '#999', strokeDash: [3, 3] }, encoding: { y: { datum: 0 } } },
        {
          mark: { type: 'line', point: true },
          encoding: {
            x: { field: 't', type: 'quantitative', title: 'time after the charge step (ps)' },
            y: { field: 'v', type: 'quantitative', title: 'current (e/ps)' },
            color: {
              field: 'part',
              type: 'nominal',
              title: null,
              scale: { domain: ['migration (estimate)', 'diffusion (estimate)', 'steric (estimate)', 'I₁ measured'], range: ['#1f4fd1', '#d62728', '#8c3fbf', '#222222'] },
            },
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** Charge density and potential along the membrane normal, before the step and late after it. */
export function profileSpec(a: MdAnalysis, title: string, sheets: number[]): Spec {
  const rows: Array<{ z: number; q: string; v: number; when: string }> = [];
  for (const z of sheets) for (const q of ['ρ of the ions (e/nm³)', 'φ (V)']) rows.push({ z: z * 1e9, q, v: 0, when: 'sheet' });
  const p = a.profiles;
  const stride = Math.max(1, Math.floor(p.z.length / 1500));
  for (let b = 0; b < p.z.length; b += stride) {
    const z = p.z[b]! * 1e9;
    if (p.framesBefore > 0) {
      rows.push({ z, q: 'ρ of the ions (e/nm³)', v: p.ionBefore[b]! / E / 1e27, when: 'before the step' });
      rows.push({ z, q: 'φ (V)', v: p.phiBefore[b]!, when: 'before the step' });
    }
    if (p.framesAfter > 0) {
      rows.push({ z, q: 'ρ of the ions (e/nm³)', v: p.ionAfter[b]! / E / 1e27, when: 'second half after the step' });
      rows.push({ z, q: 'φ (V)', v: p.phiAfter[b]!, when: 'second half after the step' });
    }
  }
  return {
    $schema: SCHEMA,
    title: { text: title, subtitle: 'averaged over the membrane plane; dotted lines: sheets; φ (from all charges, sheets included) = 0 in the reservoir middle' },
    background: 'white',
    data: { values: rows },
    facet: { row: { field: 'q', type: 'nominal', title: null, sort: ['φ (V)', 'ρ of the ions (e/nm³)'] } },
    spec: {
      width: 620,
      height: 180,
      layer: [
        { transform: [{ filter: "datum.when === 'sheet'" }], mark: { type: 'rule', color: '#bbb', strokeDash: [2, 2] }, encoding: { x: { field: 'z', type: 'quantitative' } } },
        {
          transform: [{ filter: "datum.when !== 'sheet'" }],
          mark: { type: 'line', strokeWidth: 1 },
          encoding: {
            x: { field: 'z', type: 'quantitative', title: 'z, membrane normal (nm)' },
            y: { field: 'v', type: 'quantitative', title: null },
            color: { field: 'when', type: 'nominal', title: null, legend: { labelLimit: 320 } },
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** The paper's qualitative agreement: Delta phi_1 and Delta rho_1, each over its largest magnitude, MD and mPNP. */
export function compareSpec(traces: Array<{ model: string; time: Float64Array; dphi: Float64Array; drho: Float64Array }>, title: string): Spec {
  const rows: Array<{ t: number; q: string; v: number; model: string }> = [];
  for (const tr of traces) {
    const mx = (v: Float64Array): number => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0) || 1;
    const mp = mx(tr.dphi);
    const mr = mx(tr.drho);
    const stride = Math.max(1, Math.floor(tr.time.length / 600));
    for (let k = 0; k < tr.time.length; k += stride) {
      const t = tr.time[k]! * 1e12;
      rows.push({ t, q: 'Δφ₁ / max|Δφ₁|', v: tr.dphi[k]! / mp, model: tr.model });
      rows.push({ t, q: 'Δρ₁ / max|Δρ₁|', v: tr.drho[k]! / mr, model: tr.model });
    }
  }
  return {
    $schema: SCHEMA,
    title: { text: title, subtitle: 'same sign = diffusion along migration (Extended Data Fig. 4b); charge / potential step at t = 0' },
    background: 'white',
    data: { values: rows },
    facet: { row: { field: 'model', type: 'nominal', title: null } },
    spec: {
      width: 520,
      height: 170,
      layer: [
        { mark: { type: 'rule', color: '#999', strokeDash: [3, 3] }, encoding: { y: { datum: 0 } } },
        {
          mark: { type: 'line', point: { size: 12 } },
          encoding: {
            x: { field: 't', type: 'quantitative', title: 'time after the step (ps)' },
            y: { field: 'v', type: 'quantitative', title: 'normalised', scale: { domain: [-1.05, 1.05] } },
            color: { field: 'q', type: 'nominal', title: null, scale: { domain: ['Δφ₁ / max|Δφ₁|', 'Δρ₁ / max|Δρ₁|'], range: ['#1f4fd1', '#d62728'] } },
          },
        },
      ],
    },
  };
}
