/**
 * The MD run configuration (YAML or JSON), validated with positions. SI inside; the file may give
 * units ("0.59 nm", "5 fs", "0.068 kcal/mol", "0.041 e"). Missing keys take the defaults below: the
 * coarse-grained primitive model of a graphene-membrane supercapacitor with the Lennard-Jones and
 * charge parameters of the paper's Extended Data Table 1 (docs/md.md).
 */
import { ConfigReader, nonNegative, positive, type Section } from './configReader.js';

export type MdModel = 'primitive' | 'spce';

export interface IonSpecies {
  /** Label used in the LAMMPS files and the outputs. */
  name: string;
  /** Valence (charge in units of e). */
  valence: number;
  /** Mass per particle, kg. */
  mass: number;
  /** Lennard-Jones well depth, J (per particle). */
  epsilon: number;
  /** Lennard-Jones diameter, m. */
  sigma: number;
  /** Diffusion coefficient at infinite dilution, m^2/s: sets the Langevin friction of the primitive model. */
  diffusivity: number;
}

export interface MdConfig {
  model: MdModel;
  seed: number;
  electrolyte: {
    /** Bulk concentration of each ion, mol/m^3. */
    concentration: number;
    temperature: number;
    /** Relative permittivity of the implicit solvent (primitive model; SPC/E water has its own). */
    permittivity: number;
    cation: IonSpecies;
    anion: IonSpecies;
  };
  electrode: {
    /** Sheets with an edge gap per electrode; a full sheet (the end wall) closes each electrode. */
    sheets: number;
    /** Free width of a slit (interlayer distance minus the sheet thickness), m. */
    slitWidth: number;
    sheetThickness: number;
    /** Width of the strip removed from each sheet (the passage between slits), m. */
    edgeGap: number;
    layout: 'aligned' | 'brick';
    /** Requested lateral sizes (rounded to whole graphene cells): x (across the gaps), y. */
    width: number;
    depth: number;
    carbonEpsilon: number;
    carbonSigma: number;
    /** Charge per carbon atom after the step: + on the left electrode, - on the right, C. */
    charge: number;
  };
  reservoir: {
    /** Distance between the first sheets of the two electrodes, m. */
    length: number;
  };
  run: {
    timestep: number;
    /** Uncharged equilibration (not recorded), s. */
    equilibration: number;
    /** Recorded time before the charge step, s. */
    before: number;
    /** Recorded time after the charge step, s. */
    duration: number;
    dumpEvery: number;
    thermoEvery: number;
    /** Real-space cutoff of Lennard-Jones and Coulomb, m. */
    cutoff: number;
    kspaceAccuracy: number;
    /** Thermostat damping time of the explicit-solvent model (Nose-Hoover), s. */
    thermostatDamping: number;
  };
  analysis: {
    /** Bin width of the charge-density profile along the membrane normal, m. */
    bin: number;
    /** Block-averaging window of the Delta series, s. */
    window: number;
    /** Ion size of the lattice-gas steric estimate, m (default: mean LJ sigma of the ions). */
    ionSize: number;
  };
}

const AVOGADRO = 6.02214076e23;
const KCAL = 4184 / AVOGADRO;
const GMOL = 1e-3 / AVOGADRO;
const E = 1.602176634e-19;

/** The paper's potassium and chloride (Extended Data Table 1; the table's -1.5 e for Cl is a typo: neutral KCl needs -1). */
export function defaultCation(): IonSpecies {
  return { name: 'K', valence: 1, mass: 39.0983 * GMOL, epsilon: 0.087 * KCAL, sigma: 3.143e-10, diffusivity: 1.957e-9 };
}
export function defaultAnion(): IonSpecies {
  return { name: 'Cl', valence: -1, mass: 35.453 * GMOL, epsilon: 0.15 * KCAL, sigma: 4.045e-10, diffusivity: 2.032e-9 };
}

export function defaultMdConfig(): MdConfig {
  const cation = defaultCation();
  const anion = defaultAnion();
  return {
    model: 'primitive',
    seed: 2026,
    electrolyte: { concentration: 1000, temperature: 298.15, permittivity: 78.5, cation, anion },
    electrode: {
      sheets: 3,
      slitWidth: 0.59e-9,
      sheetThickness: 0.335e-9,
      edgeGap: 1e-9,
      layout: 'aligned',
      width: 3e-9,
      depth: 3e-9,
      carbonEpsilon: 0.068 * KCAL,
      carbonSigma: 3.407e-10,
      charge: 0.041 * E,
    },
    reservoir: { length: 10e-9 },
    run: {
      timestep: 10e-15,
      equilibration: 100e-12,
      before: 20e-12,
      duration: 400e-12,
      dumpEvery: 1e-12,
      thermoEvery: 2e-12,
      cutoff: 1e-9,
      kspaceAccuracy: 1e-4,
      thermostatDamping: 100e-15,
    },
    analysis: { bin: 0.02e-9, window: 20e-12, ionSize: (cation.sigma + anion.sigma) / 2 },
  };
}

const ION_KEYS = ['name', 'valence', 'mass', 'epsilon', 'sigma', 'diffusivity'] as const;

function readIon(r: ConfigReader, sec: Section, path: string, def: IonSpecies, sign: 1 | -1): IonSpecies {
  const name = sec.get('name');
  let label = def.name;
  if (name) {
    const v = (name.value as { value?: unknown } | null)?.value;
    if (typeof v === 'string' && /^[A-Za-z][A-Za-z0-9]*$/.test(v)) label = v;
    else r.error(name.value, `${path}.name: expected a short label of letters and digits, e.g. K, got ${JSON.stringify(v ?? null)}`);
  }
  const valence = r.quantity(sec, path, 'valence', 'number', def.valence, (v) =>
    Number.isInteger(v) && Math.sign(v) === sign ? null : `must be a whole number ${sign > 0 ? '> 0' : '< 0'}`,
  );
  return {
    name: label,
    valence,
    mass: r.quantity(sec, path, 'mass', 'mass', def.mass, positive),
    epsilon: r.quantity(sec, path, 'epsilon', 'energy', def.epsilon, nonNegative),
    sigma: r.quantity(sec, path, 'sigma', 'length', def.sigma, positive),
    diffusivity: r.quantity(sec, path, 'diffusivity', 'diffusivity', def.diffusivity, positive),
  };
}

/** Parses and validates a configuration text; throws NcmError with one diagnostic per problem. */
export function parseMdConfig(text: string, file: string): MdConfig {
  const r = new ConfigReader(text, file);
  const d = defaultMdConfig();
  const root = r.section(r.root, '', ['model', 'seed', 'electrolyte', 'electrode', 'reservoir', 'run', 'analysis']);
  const model = r.choice(root, '', 'model', ['primitive', 'spce'] as const, d.model);
  const seed = r.quantity(root, '', 'seed', 'number', d.seed, (v) => (Number.isInteger(v) && v >= 1 && v < 2 ** 31 ? null : 'must be a whole number between 1 and 2^31 - 1'));

  const el = r.sub(root, '', 'electrolyte', ['concentration', 'temperature', 'permittivity', 'cation', 'anion']);
  const electrolyte = {
    concentration: r.quantity(el, 'electrolyte', 'concentration', 'concentration', d.electrolyte.concentration, positive),
    temperature: r.quantity(el, 'electrolyte', 'temperature', 'temperature', d.electrolyte.temperature, positive),
    permittivity: r.quantity(el, 'electrolyte', 'permittivity', 'number', d.electrolyte.permittivity, (v) => (v >= 1 ? null : 'must be >= 1')),
    cation: readIon(r, r.sub(el, 'electrolyte', 'cation', ION_KEYS), 'electrolyte.cation', d.electrolyte.cation, 1),
    anion: readIon(r, r.sub(el, 'electrolyte', 'anion', ION_KEYS), 'electrolyte.anion', d.electrolyte.anion, -1),
  };
  if (model === 'spce' && el.has('permittivity')) r.error(el.get('permittivity')!.key, 'electrolyte.permittivity: only for model: primitive (SPC/E water screens the charges itself)');

  const ek = ['sheets', 'slitWidth', 'sheetThickness', 'edgeGap', 'layout', 'width', 'depth', 'carbonEpsilon', 'carbonSigma', 'charge'];
  const es = r.sub(root, '', 'electrode', ek);
  const de = d.electrode;
  const electrode = {
    sheets: r.quantity(es, 'electrode', 'sheets', 'number', de.sheets, (v) => (Number.isInteger(v) && v >= 2 ? null : 'must be a whole number >= 2 (slits 1 and 2 are compared)')),
    slitWidth: r.quantity(es, 'electrode', 'slitWidth', 'length', de.slitWidth, positive),
    sheetThickness: r.quantity(es, 'electrode', 'sheetThickness', 'length', de.sheetThickness, nonNegative),
    edgeGap: r.quantity(es, 'electrode', 'edgeGap', 'length', de.edgeGap, positive),
    layout: r.choice(es, 'electrode', 'layout', ['aligned', 'brick'] as const, de.layout),
    width: r.quantity(es, 'electrode', 'width', 'length', de.width, positive),
    depth: r.quantity(es, 'electrode', 'depth', 'length', de.depth, positive),
    carbonEpsilon: r.quantity(es, 'electrode', 'carbonEpsilon', 'energy', de.carbonEpsilon, nonNegative),
    carbonSigma: r.quantity(es, 'electrode', 'carbonSigma', 'length', de.carbonSigma, positive),
    charge: r.quantity(es, 'electrode', 'charge', 'charge', de.charge),
  };
  if (electrode.width < 1e-9) r.error(es.get('width')?.value, `electrode.width: must be at least 1 nm (four graphene cells), got ${es.get('width') ? String((es.get('width')!.value as { value?: unknown }).value) : electrode.width}`);
  else if (electrode.edgeGap > electrode.width - 0.5e-9) r.error(es.get('edgeGap')?.value, `electrode.edgeGap: must leave at least 0.5 nm of sheet in electrode.width (${electrode.width * 1e9} nm)`);
  if (electrode.depth < 0.85e-9) r.error(es.get('depth')?.value, 'electrode.depth: must be at least 0.85 nm (two graphene cells)');
  const rs = r.sub(root, '', 'reservoir', ['length']);
  const reservoir = { length: r.quantity(rs, 'reservoir', 'length', 'length', d.reservoir.length, (v) => (v >= 1.5e-9 ? null : 'must be at least 1.5 nm')) };

  const rk = ['timestep', 'equilibration', 'before', 'duration', 'dumpEvery', 'thermoEvery', 'cutoff', 'kspaceAccuracy', 'thermostatDamping'];
  const ru = r.sub(root, '', 'run', rk);
  const dr = d.run;
  const timestep = r.quantity(ru, 'run', 'timestep', 'time', model === 'spce' ? 2e-15 : dr.timestep, (v) => (v > 0 && v <= 20e-15 ? null : 'must be > 0 and at most 20 fs'));
  const run = {
    timestep,
    equilibration: r.quantity(ru, 'run', 'equilibration', 'time', dr.equilibration, nonNegative),
    before: r.quantity(ru, 'run', 'before', 'time', dr.before, nonNegative),
    duration: r.quantity(ru, 'run', 'duration', 'time', dr.duration, positive),
    dumpEvery: r.quantity(ru, 'run', 'dumpEvery', 'time', dr.dumpEvery, positive),
    thermoEvery: r.quantity(ru, 'run', 'thermoEvery', 'time', dr.thermoEvery, positive),
    cutoff: r.quantity(ru, 'run', 'cutoff', 'length', dr.cutoff, (v) => (v >= 0.5e-9 ? null : 'must be at least 0.5 nm')),
    kspaceAccuracy: r.quantity(ru, 'run', 'kspaceAccuracy', 'number', dr.kspaceAccuracy, (v) => (v > 0 && v < 0.1 ? null : 'must be between 0 and 0.1')),
    thermostatDamping: r.quantity(ru, 'run', 'thermostatDamping', 'time', dr.thermostatDamping, positive),
  };
  // every recorded time must be a whole number of steps and of dump intervals (checked only on values that were read)
  const bad = (key: string): boolean => r.diags.some((x) => x.message.startsWith(`run.${key}:`));
  const g = (v: number): string => String(Number(v.toPrecision(6)));
  const whole = (x: number): boolean => Math.abs(x - Math.round(x)) < 1e-6 && Math.round(x) >= 1;
  for (const key of ['dumpEvery', 'thermoEvery'] as const)
    if (!bad(key) && !bad('timestep') && !whole(run[key] / timestep))
      r.error(ru.get(key)?.value ?? ru.get('timestep')?.value, `run.${key}: must be a whole number of time steps (${g(timestep * 1e15)} fs), got ${g(run[key] * 1e15)} fs`);
  if (!bad('dumpEvery'))
    for (const key of ['equilibration', 'before', 'duration'] as const) {
      const n = run[key] / run.dumpEvery;
      if (!bad(key) && Math.abs(n - Math.round(n)) > 1e-6) r.error(ru.get(key)?.value ?? ru.get('dumpEvery')?.value, `run.${key}: must be a whole number of run.dumpEvery (${g(run.dumpEvery * 1e12)} ps), got ${g(run[key] * 1e12)} ps`);
    }
  if (run.duration / run.dumpEvery < 2) r.error(ru.get('duration')?.value ?? ru.get('dumpEvery')?.value, 'run.duration: must hold at least 2 dumps after the charge step');

  const an = r.sub(root, '', 'analysis', ['bin', 'window', 'ionSize']);
  const analysis = {
    bin: r.quantity(an, 'analysis', 'bin', 'length', d.analysis.bin, (v) => (v > 0 && v <= 0.2e-9 ? null : 'must be > 0 and at most 0.2 nm')),
    window: r.quantity(an, 'analysis', 'window', 'time', d.analysis.window, positive),
    ionSize: r.quantity(an, 'analysis', 'ionSize', 'length', (electrolyte.cation.sigma + electrolyte.anion.sigma) / 2, positive),
  };
  if (analysis.window < run.dumpEvery) r.error(an.get('window')?.value, `analysis.window: must be at least run.dumpEvery (${run.dumpEvery * 1e12} ps)`);
  r.finish('MD configuration');
  return { model, seed, electrolyte, electrode, reservoir, run, analysis };
}

export const MD_CONSTANTS = { AVOGADRO, KCAL, GMOL, E };
