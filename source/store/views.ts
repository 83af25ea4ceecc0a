import type {LaneInfo} from '../model/events.js';
import type {EngineName, RunConfig} from '../model/run-config.js';
import type {MachineInfo, RunResult, Throttling} from '../model/result-types.js';
import type {FrozenList} from '../run-model/chunked-list.js';
import type {EnginePhase} from '../run-model/engine-state.js';
import type {FrozenTaskTable} from '../run-model/task-table.js';

export type {TaskView} from '../run-model/task-table.js';

/** What one lane has run so far, kept up to date as events arrive (never by walking every task). */
export type LaneActivity = {
	/** Ids of the tasks that ran on the lane, in the order they started. */
	readonly taskIds: FrozenList<number>;
	/** Tasks running on the lane now. */
	readonly running: number;
	/** The core the lane's last ended task last ran on (Linux), or null. */
	readonly lastCore: number | null;
	/** The latest progress (0..1) of the lane's running tasks, their mean when several; null when none reported. */
	readonly progress: number | null;
};

export type EngineView = {
	readonly engine: EngineName;
	readonly phase: EnginePhase;
	/** Changes whenever anything in this view changed: components re-render on it alone. */
	readonly version: number;
	/** Engine start on the run's axis (ms since the run started); null until it starts. */
	readonly t0: number | null;
	readonly startupMs: number;
	readonly lanes: readonly LaneInfo[];
	/** Indexed by task id (`tasks.at(id)`, a new view at each read); columns in chunks, so an unchanged part is shared. */
	readonly tasks: FrozenTaskTable;
	/** Per lane id. */
	readonly laneActivity: ReadonlyMap<number, LaneActivity>;
	readonly done: number;
	readonly failed: number;
	/** Why the task that failed last failed: shown the moment it happens, not only at the end. */
	readonly lastFailure: string | null;
	/** Ms since the engine's start: live while running, final once done. */
	readonly elapsedMs: number;
	/** CPU time ÷ wall time so far. */
	readonly parallelism: number | null;
	readonly loopLagMs: number | null;
	/** Cores' worth of CPU other programs used, on average, while this engine ran; null until sampled. */
	readonly otherLoadCores: number | null;
	readonly error: string | null;
	/** Why the engine waits on something outside it (its process stopped); null while it does not. */
	readonly held: string | null;
	/** Once it ended under a CPU quota, how the quota throttled it; null otherwise. */
	readonly throttling: Throttling | null;
	/**
	 * On async (the baseline), the threads that worked beside its JS thread so far: libuv's pool
	 * (its size in force, the CPU they used) and V8's helpers; null elsewhere or where unknown.
	 */
	readonly helpers: {readonly uvThreads: number; readonly libuvCpuMs: number; readonly v8CpuMs: number} | null;
};

export type RunPhase = 'idle' | 'calibrating' | 'running' | 'done';

export type DashboardSnapshot = {
	readonly phase: RunPhase;
	/** The round running (0-based) and how many there are (--runs); the panels show this round. */
	readonly round: {readonly round: number; readonly rounds: number};
	readonly config: RunConfig;
	readonly machine: MachineInfo;
	readonly engines: readonly EngineView[];
	/** Latest busy fraction (0..1) of each core. */
	readonly cores: readonly number[];
	/** In the latest sample, cores' worth of CPU used by concur-tui's own processes and by every other program; null where unknown. */
	readonly load: {readonly ownCores: number; readonly otherCores: number} | null;
	/** The time axis shared by every panel, in ms; it only grows, in steps, so bars do not jitter. */
	readonly axisMs: number;
	readonly result: RunResult | null;
	/** A short line for the footer (trace written, run restarted…). */
	readonly notice: string | null;
};
