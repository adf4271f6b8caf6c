/**
 * Writes the LAMMPS data file and the commented input script of an MD system (LAMMPS `units real`:
 * Angstrom, fs, kcal/mol, e, g/mol), and the run plan the trajectory reader needs (which atoms are
 * which, where the slits are, when the charge step happens). Pure text: the caller writes the files.
 */
import type { MdConfig } from './config.js';
import type { MdSystem } from './system.js';

const AVOGADRO = 6.02214076e23;
const A = 1e10; // m -> Angstrom
const FS = 1e15; // s -> fs
const KCAL = 4184 / AVOGADRO;
const E = 1.602176634e-19;
const GMOL = 1e-3 / AVOGADRO;

export const INPUT_FILE = 'in.md';
export const DATA_FILE = 'system.data';
export const DUMP_FILE = 'traj.lammpstrj';
export const LOG_FILE = 'log.lammps';

/** The schedule of one run in whole time steps; the step happens at `stepAt`. */
export interface MdPlan {
  model: MdConfig['model'];
  timestep: number;
  equilibrationSteps: number;
  beforeSteps: number;
  durationSteps: number;
  dumpEverySteps: number;
  thermoEverySteps: number;
  /** Time step index of the charge step (equilibration + before). */
  stepAt: number;
  totalSteps: number;
  /** Charge per carbon after the step, C (+ on the left electrode). */
  carbonCharge: number;
  /** Relative permittivity the Poisson solve uses: the continuum's (primitive) or 1 (explicit water). */
  poissonPermittivity: number;
  box: MdSystem['box'];
  electrodes: MdSystem['electrodes'];
  reservoirMid: number;
  reservoirLo: number;
  reservoirHi: number;
  spacing: number;
  /** LAMMPS type number of each role. */
  typeOf: { carbon: number; cation: number; anion: number; oxygen?: number; hydrogen?: number };
  counts: MdSystem['counts'];
  atoms: number;
}

export function planOf(cfg: MdConfig, sys: MdSystem): MdPlan {
  const r = cfg.run;
  const steps = (t: number): number => Math.round(t / r.timestep);
  const eq = steps(r.equilibration);
  const before = steps(r.before);
  const dur = steps(r.duration);
  const typeOf: MdPlan['typeOf'] = { carbon: 1, cation: 2, anion: 3 };
  if (cfg.model === 'spce') {
    typeOf.oxygen = 4;
    typeOf.hydrogen = 5;
  }
  return {
    model: cfg.model,
    timestep: r.timestep,
    equilibrationSteps: eq,
    beforeSteps: before,
    durationSteps: dur,
    dumpEverySteps: steps(r.dumpEvery),
    thermoEverySteps: steps(r.thermoEvery),
    stepAt: eq + before,
    totalSteps: eq + before + dur,
    carbonCharge: cfg.electrode.charge,
    poissonPermittivity: cfg.model === 'primitive' ? cfg.electrolyte.permittivity : 1,
    box: sys.box,
    electrodes: sys.electrodes,
    reservoirMid: sys.reservoirMid,
    reservoirLo: sys.reservoirLo,
    reservoirHi: sys.reservoirHi,
    spacing: sys.spacing,
    typeOf,
    counts: sys.counts,
    atoms: sys.type.length,
  };
}

const f = (v: number, digits = 8): string => {
  const s = Number(v.toPrecision(digits));
  return Object.is(s, -0) ? '0' : String(s);
};

export function dataFile(cfg: MdConfig, sys: MdSystem): string {
  const full = sys.model === 'spce';
  const n = sys.type.length;
  const L: string[] = [];
  L.push(`nanocircuit MD: graphene-membrane supercapacitor, ${cfg.model} model (units real)`);
  L.push('');
  L.push(`${n} atoms`);
  L.push(`${sys.types.length} atom types`);
  if (full) {
    L.push(`${sys.bonds.length / 2} bonds`, '1 bond types', `${sys.angles.length / 3} angles`, '1 angle types');
  }
  L.push('');
  L.push(`0 ${f(sys.box.lx * A, 10)} xlo xhi`);
  L.push(`0 ${f(sys.box.ly * A, 10)} ylo yhi`);
  L.push(`0 ${f(sys.box.lz * A, 10)} zlo zhi`);
  L.push('', 'Masses', '');
  sys.types.forEach((t, i) => L.push(`${i + 1} ${f(t.mass / GMOL)} # ${t.name}`));
  L.push('', `Atoms # ${full ? 'full' : 'charge'}`, '');
  for (let i = 0; i < n; i++) {
    const pos = `${f(sys.x[i]! * A)} ${f(sys.y[i]! * A)} ${f(sys.z[i]! * A)}`;
    const q = f(sys.q[i]! / E);
    L.push(full ? `${i + 1} ${sys.mol[i]} ${sys.type[i]} ${q} ${pos}` : `${i + 1} ${sys.type[i]} ${q} ${pos}`);
  }
  if (full) {
    L.push('', 'Bonds', '');
    for (let b = 0; b < sys.bonds.length / 2; b++) L.push(`${b + 1} 1 ${sys.bonds[2 * b]! + 1} ${sys.bonds[2 * b + 1]! + 1}`);
    L.push('', 'Angles', '');
    for (let a = 0; a < sys.angles.length / 3; a++) L.push(`${a + 1} 1 ${sys.angles[3 * a]! + 1} ${sys.angles[3 * a + 1]! + 1} ${sys.angles[3 * a + 2]! + 1}`);
  }
  return L.join('\n') + '\n';
}

/** Langevin damping time that gives a free particle the diffusion coefficient D: damp = m D / kT. */
export function langevinDamping(mass: number, diffusivity: number, temperature: number): number {
  return (mass * diffusivity) / (1.380649e-23 * temperature);
}

export function inputScript(cfg: MdConfig, sys: MdSystem, plan: MdPlan): string {
  const el = cfg.electrolyte;
  const T = f(el.temperature);
  const spce = cfg.model === 'spce';
  const [left, right] = sys.electrodes;
  const ionTypes = '2 3';
  const L: string[] = [];
  const c = (s: string): void => void L.push(`# ${s}`);
  c('nanocircuit MD cross-check of trans-slit transport (docs/md.md); written by `ncm md`.');
  c(`Model: ${spce ? 'explicit SPC/E water with K+/Cl- (the paper-like level)' : `primitive model: charged Lennard-Jones ions in a dielectric continuum (eps_r = ${f(el.permittivity)})`}.`);
  c(`Two graphene-membrane electrodes of ${cfg.electrode.sheets} gapped sheets + an end wall each, slit width ${f(cfg.electrode.slitWidth * 1e9)} nm,`);
  c(`interlayer ${f(sys.spacing * 1e9)} nm, reservoir ${f(cfg.reservoir.length * 1e9)} nm; ${sys.counts.cations} cations, ${sys.counts.anions} anions, ${sys.counts.waters} waters.`);
  c(`Schedule (steps of ${f(plan.timestep * FS)} fs): ${plan.equilibrationSteps} uncharged equilibration, ${plan.beforeSteps} recorded before the step,`);
  c(`charge step at step ${plan.stepAt} (+/-${f(plan.carbonCharge / E)} e per carbon), ${plan.durationSteps} recorded after it.`);
  L.push('');
  L.push('units           real');
  L.push(`atom_style      ${spce ? 'full' : 'charge'}`);
  c('periodic across the membrane, non-periodic along its normal z (slab geometry)');
  L.push('boundary        p p f');
  L.push(`read_data       ${DATA_FILE}`);
  L.push('');
  c('Lennard-Jones + long-range Coulomb; unlike pairs by Lorentz-Berthelot (arithmetic) mixing');
  L.push(`pair_style      lj/cut/coul/long ${f(cfg.run.cutoff * A)}`);
  L.push('pair_modify     mix arithmetic');
  sys.types.forEach((t, i) => L.push(`pair_coeff      ${i + 1} ${i + 1} ${f(t.epsilon / KCAL)} ${f(t.sigma * A)}    # ${t.name}`));
  if (spce) {
    c('SPC/E water, kept rigid by SHAKE (the bond and angle constants only matter for the SHAKE targets)');
    L.push('bond_style      harmonic');
    L.push('bond_coeff      1 450.0 1.0');
    L.push('angle_style     harmonic');
    L.push('angle_coeff     1 55.0 109.47');
  } else {
    c('implicit solvent: every Coulomb interaction (pair and k-space) divided by eps_r');
    L.push(`dielectric      ${f(el.permittivity)}`);
  }
  c('PPPM with the slab correction (empty space of twice the box height added along z, no net dipole artefact)');
  L.push(`kspace_style    pppm ${cfg.run.kspaceAccuracy}`);
  if (spce) L.push('kspace_modify   slab 3.0');
  else {
    c('order-3 charge assignment: half the cost of the default 5 at the same estimated accuracy for these weak (1/78.5) charges');
    L.push('kspace_modify   slab 3.0 order 3');
  }
  L.push('');
  L.push(`group           cpos id ${left.firstId}:${left.lastId}`);
  L.push(`group           cneg id ${right.firstId}:${right.lastId}`);
  L.push('group           electrode union cpos cneg');
  L.push('group           cation type 2');
  L.push('group           anion type 3');
  L.push(`group           ions type ${ionTypes}`);
  if (spce) {
    L.push('group           water type 4 5');
    L.push('group           mobile union ions water');
  } else L.push('group           mobile union ions');
  c('the carbon atoms stay in place (not integrated): no carbon-carbon pairs are needed');
  L.push('neighbor        2.0 bin');
  L.push('neigh_modify    delay 0 every 1 check yes exclude group electrode electrode');
  c('reflecting walls at the box ends along z (the end-wall sheets already close the electrodes)');
  L.push('fix             zwalls mobile wall/reflect zlo EDGE zhi EDGE');
  if (spce) {
    c('the waters start on a grid with random orientations: relax the contacts before any dynamics');
    c('(flexible waters, carbons held by a zero force; SHAKE cannot be used in minimisation and starts after it)');
    L.push('fix             hold electrode setforce 0.0 0.0 0.0');
    L.push('minimize        1.0e-4 1.0e-6 500 5000');
    L.push('unfix           hold');
    L.push('reset_timestep  0');
    L.push('fix             rigid water shake 1e-4 20 0 b 1 a 1');
  }
  L.push(`velocity        mobile create ${T} ${cfg.seed} dist gaussian mom yes rot no`);
  if (spce) {
    c('Nose-Hoover thermostat on the electrolyte');
    L.push(`fix             integrate mobile nvt temp ${T} ${T} ${f(cfg.run.thermostatDamping * FS)}`);
  } else {
    const dK = langevinDamping(el.cation.mass, el.cation.diffusivity, el.temperature);
    const dA = langevinDamping(el.anion.mass, el.anion.diffusivity, el.temperature);
    c('Langevin thermostat = the implicit solvent: damp = m D / kT gives each ion its diffusion coefficient;');
    c('the Gronbech-Jensen-Farago integrator (gjf vhalf, defined before nve) keeps diffusion and sampling right at time steps near damp');
    c(`(${el.cation.name}: D = ${el.cation.diffusivity} m^2/s -> ${f(dK * FS, 4)} fs; ${el.anion.name}: D = ${el.anion.diffusivity} m^2/s -> ${f(dA * FS, 4)} fs)`);
    L.push(`fix             bathK cation langevin ${T} ${T} ${f(dK * FS)} ${cfg.seed + 1} gjf vhalf`);
    L.push(`fix             bathA anion langevin ${T} ${T} ${f(dA * FS)} ${cfg.seed + 2} gjf vhalf`);
    L.push('fix             integrate ions nve');
  }
  L.push('compute         tmob mobile temp');
  L.push('compute         qpos cpos property/atom q');
  L.push('compute         sumqpos cpos reduce sum c_qpos');
  c('thermo columns: step, time (fs), electrolyte temperature (K), potential energy (kcal/mol), charge on the + electrode (e)');
  L.push('thermo_style    custom step time c_tmob pe c_sumqpos');
  L.push('thermo_modify   flush yes');
  L.push(`thermo          ${plan.thermoEverySteps}`);
  L.push(`timestep        ${f(plan.timestep * FS)}`);
  L.push('');
  c('1. uncharged equilibration (not recorded)');
  L.push(`run             ${plan.equilibrationSteps}`);
  L.push('');
  c('2. the trajectory: every atom with its charge (the reader bins charges along z and solves Poisson)');
  L.push(`dump            traj all custom ${plan.dumpEverySteps} ${DUMP_FILE} id type q x y z`);
  L.push('dump_modify     traj sort id');
  L.push(`run             ${plan.beforeSteps}`);
  L.push('');
  c("3. the paper's fixed-charge step: charges put on the carbon atoms at once and held");
  L.push(`set             group cpos charge ${f(plan.carbonCharge / E)}`);
  L.push(`set             group cneg charge ${f(-plan.carbonCharge / E)}`);
  L.push(`run             ${plan.durationSteps}`);
  return L.join('\n') + '\n';
}
