/**
 * The one interface every element kind implements. A device declares how many branch-current
 * unknowns and integrated states (charges, fluxes) it needs, asks for its matrix entries once in
 * `setup`, and stamps its linearised contributions in `load` at every Newton iteration. The
 * engine knows no element by name: it only calls these methods.
 *
 * Sign conventions: KCL rows sum the currents leaving a node; a branch current flows from n+
 * through the element to n- (SPICE).
 */
import type { CircuitElement, Waveform } from './circuit.js';

export interface SetupContext {
  /** MNA unknown of circuit node `node`; ground maps to the index `groundIndex` (always 0 V). */
  node(node: number): number;
  readonly groundIndex: number;
  /** First branch unknown and first state slot given to this device. */
  readonly firstBranch: number;
  readonly firstState: number;
  /** Provisional handle of matrix entry (row, col); the engine remaps `Device.handles` after setup. */
  entry(row: number, col: number): number;
  /** Another device, by element key (RDYN reads its controlling capacitor). */
  device(key: string): Device | undefined;
  /** First branch unknown of another device, by element key (B sources read `I(Vsrc)`), whether or not it is set up yet. */
  branchOf?(key: string): number | undefined;
  /** Voltage scale for RDYN `QMAX=peak` before the first cycle has run (see docs/analyses.md). */
  readonly peakVoltageGuess: number;
}

export interface LoadContext {
  /** Present Newton iterate by unknown; x[groundIndex] = 0. */
  readonly x: Float64Array;
  /** Matrix values by handle (the last slot is the trash for ground entries). */
  readonly a: Float64Array;
  /** Right-hand side by row (the last slot is the trash for ground). */
  readonly b: Float64Array;
  readonly time: number;
  /** Scale of independent sources (source stepping in the operating point), 1 otherwise. */
  readonly srcFactor: number;
  /** d(dq/dt)/dq of the active integration formula; 0 in DC. */
  readonly ag0: number;
  /** Records the present value of a state and returns its time derivative (0 in DC). */
  integrate(state: number, value: number): number;
  /**
   * Says the device could not linearise itself at this iterate (a value or derivative is infinite
   * or not a number, e.g. sqrt(v) at v = 0) and stamped a finite stand-in: Newton then does not
   * accept the iterate as converged. Optional: contexts without Newton (small-signal) omit it.
   */
  markUnsettled?(): void;
}

/**
 * Small-signal stamps at a bias point (`.ac`): the device writes its linearised admittance
 * Y = G + j omega C into two real arrays indexed by the same handles as `load` (G: conductances and
 * all frequency-independent entries; C: the coefficients of j omega), and its AC excitation into
 * the right-hand side. Independent sources contribute only their `AC` value (their DC value is
 * part of the bias, not of the small signal).
 */
export interface AcLoadContext {
  /** The bias point by unknown; x[groundIndex] = 0. */
  readonly x: Float64Array;
  readonly g: Float64Array;
  readonly c: Float64Array;
  /** Excitation by row, real and imaginary parts (last slot: ground trash). */
  readonly bRe: Float64Array;
  readonly bIm: Float64Array;
}

/**
 * A recorded quantity offered by a device: `q(c1)`, `i(vm)`, ... `dq` holds the state derivatives
 * (dq/dt) of the accepted point, so a capacitor's current is the integrator's own dq/dt; it is
 * absent in DC (where every dq/dt is 0).
 */
export interface Probe {
  label: string;
  unit: string;
  read(x: Float64Array, dq?: Float64Array): number;
  /** Recorded only when named (`.save`, `.meas`), not by default: every resistor's current would swamp the output. */
  onRequest?: boolean;
}

export interface Device {
  readonly element: CircuitElement;
  readonly branchCount: number;
  readonly stateCount: number;
  /** True when the stamps depend on the iterate (Newton needs more than one solve). */
  readonly nonlinear: boolean;
  /** Provisional handles filled in `setup`, remapped in place by the engine. */
  readonly handles: Int32Array;
  setup(ctx: SetupContext): void;
  /** Called once the engine has remapped `handles` (devices may copy them into fields). */
  bind?(): void;
  load(ctx: LoadContext): void;
  /**
   * Small-signal stamps at the bias ctx.x. Optional: without it the engine derives them from
   * `load` (the Jacobian at ag0 = 0 is G, its derivative in ag0 is C), exact for charge-oriented devices.
   */
  acLoad?(ctx: AcLoadContext): void;
  /**
   * Frequency-dependent small-signal admittance (CPE, Warburg: Y = Q (j omega)^alpha), exact at each
   * omega: adds the conductance G(omega) into `g` and the susceptance B(omega) (not divided by omega)
   * into `b`, by the same handles as `load`. Called per frequency on top of `acLoad`.
   */
  acDispersive?(omega: number, g: Float64Array, b: Float64Array): void;
  /** Appends the times in (0, tstop] where this device's excitation has corners. */
  breakpoints?(tstop: number, out: number[]): void;
  probes(): Probe[];
  /** Parameters an analysis resolves self-consistently from the run (RDYN QMAX=peak). */
  peakParameters?(): PeakParameter[];
  /** A watch over the accepted steps of a reported run, for warnings about it (RDYN: time on its factor floor). */
  watch?(): StepWatch;
  /** Independent sources: replaces the excitation (an analysis driving this source between runs, src/analyses/drive.ts). */
  setWaveform?(w: Waveform): void;
  /** Writes the device's states (charges, fluxes) at the iterate x into `states`. */
  storeStates?(x: Float64Array, states: Float64Array): void;
  /**
   * Root functions the integrator watches (hysteretic switches: the control crossing the threshold
   * that flips the state). The integrator locates each crossing; see `TransientEvent`.
   */
  events?(): TransientEvent[];
  /** Writes `ic=` initial states (charge C*ic, flux L*ic) for `uic` starts into `states`. */
  initialCondition?(states: Float64Array): void;
}

/**
 * A device parameter set from the peak of a quantity over a cycle (RDYN QMAX=peak: the peak |q| of
 * its controlling capacitor). The CV iterates it to self-consistency; `.ac` at a CV bias takes the
 * CV's values. Analyses reach it through this interface, never through the device's class.
 */
export interface PeakParameter {
  /** Element name, the key of reports (`qmaxPeak.qmax`). */
  readonly name: string;
  /** The quantity whose peak |value| sets the parameter, at iterate x. */
  tracked(x: Float64Array): number;
  get(): number;
  set(value: number): void;
}

/**
 * Observes the accepted steps of one run (src/analyses/stepWatch.ts feeds it) and says afterwards
 * whether the run left the range the device's law is meant for. A fresh watch per run.
 */
export interface StepWatch {
  accept(t: number, x: Float64Array): void;
  /** One warning about the run so far, or undefined. */
  warning(): string | undefined;
}

/**
 * What a root function may read about the step just solved: its integration coefficients and the
 * factorised Jacobian of its last Newton iteration (one forward/back solve, no new factorisation).
 */
export interface StepView {
  readonly time: number;
  readonly h: number;
  /** d(dq/dt)/dq of the step's formula. */
  readonly ag0: number;
  /** Solves J z = rhs with the step's factors (rhs, by row, is overwritten; z by unknown). */
  solve(rhs: Float64Array, z: Float64Array): void;
}

/**
 * One event facility for devices and analyses: a root function `value - level` that the integrator
 * watches between accepted points. A crossing in `direction` (+1 upwards, -1 downwards) is located
 * by the integrator, which redoes the step from the last accepted point with a shorter step:
 *  - `past`: until the crossing lies in the last `EVENT_SLACK` of the step (a device whose state
 *    flips there; the run continues);
 *  - `on`: until |value - level| <= tolerance; the run then stops there and reports the event (an
 *    analysis' limit: a voltage cut-off, a cell's maximum power point).
 * `level` and `direction` may change between steps (a switch's threshold depends on its state).
 */
export interface TransientEvent {
  readonly name: string;
  readonly landing: 'past' | 'on';
  /** For `on` events: how close to the level counts as on it. */
  readonly tolerance: number;
  level(): number;
  direction(): 1 | -1;
  /** The watched quantity at iterate x and time t; `step` is absent at the start of a run. Return NaN when unknown. */
  value(x: Float64Array, t: number, step: StepView | undefined): number;
}
