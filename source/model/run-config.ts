export const engineNames = ['async', 'threads', 'processes'] as const;
export type EngineName = (typeof engineNames)[number];

export const workloadNames = ['cpu', 'sleep', 'hash', 'mixed', 'net', 'fs'] as const;
export type BuiltinWorkload = (typeof workloadNames)[number];
/** `module` is a user's task module (`--task FILE`); `noop` is used by the benchmark only. */
export type WorkloadName = BuiltinWorkload | 'module' | 'noop';

export const modeNames = ['sequential', 'race'] as const;
type RunMode = (typeof modeNames)[number];

export const threadStrategies = ['pool', 'spawn'] as const;
export type ThreadStrategy = (typeof threadStrategies)[number];

export const presetNames = ['seed-io', 'seed-cpu'] as const;
export type PresetName = (typeof presetNames)[number];

export type RunConfig = {
	readonly workload: WorkloadName;
	/** Absolute path of the user's task module when workload is `module`. */
	readonly modulePath: string | null;
	readonly tasks: number;
	readonly taskMs: number;
	readonly pool: number;
	readonly mode: RunMode;
	readonly engines: readonly EngineName[];
	readonly threads: ThreadStrategy;
	readonly preset: PresetName | null;
	/** Each task's time budget in ms, or null for none (--timeout). */
	readonly timeoutMs: number | null;
	/** Heap limit of each unit in MB, or null for V8's own (--heap-limit). */
	readonly heapLimitMb: number | null;
	/** Rounds: each engine runs this many times, in a rotating order (--runs). */
	readonly runs: number;
	/** The CPUs every engine host and unit is pinned to (--cpus), or null for all. */
	readonly cpus: readonly number[] | null;
	/** `-w net`: the delay server's port on 127.0.0.1 (--net-port), or null for one the OS picks. */
	readonly netPort: number | null;
	/** libuv's thread pool in every engine process (--uv-threads: UV_THREADPOOL_SIZE), or null for the environment's (4 unless set). */
	readonly uvThreads: number | null;
	/** --task-arg: the JSON text each task of a module gets as its input (parsed for each task), or null: the input is {index, taskMs}. */
	readonly taskArg: string | null;
};

/** The cores a run may use: the pinned CPUs, else all the machine's. */
export function usableCores(config: Pick<RunConfig, 'cpus'>, machineCores: number): number {
	return config.cpus?.length ?? machineCores;
}

/** What bounds one unit of execution: the part of the run configuration each host enforces. */
export type UnitLimits = Pick<RunConfig, 'timeoutMs' | 'heapLimitMb'>;
