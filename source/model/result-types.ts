import type {EngineName, RunConfig} from './run-config.js';

/** A unit of execution that tasks run on: the event loop, a worker thread or a process. */
export type LaneInfo = {
	readonly id: number;
	readonly label: string;
	readonly pid: number;
	/** OS thread id (Linux TID); null where the OS does not tell. */
	readonly tid: number | null;
};

export type MachineInfo = {
	/** The cores this run may use (its CPU affinity: an outside taskset or cpuset counts). */
	readonly cores: number;
	/** The machine's online cores, allowed or not (absent from documents before it was recorded). */
	readonly onlineCores?: number;
	/** A CPU quota on concur-tui's cgroup, in cores' worth (Kubernetes' CPU limit), or null; `cores` is no more than it allows. */
	readonly cpuQuotaCores?: number | null;
	/** False where no cgroup file could be read (the quota is unknown, not absent); absent from older documents. */
	readonly cpuQuotaReadable?: boolean;
	readonly cpuModel: string;
	readonly node: string;
	readonly platform: string;
};

/** One task as recorded; times are ms from its engine's start. */
export type TaskRecord = {
	readonly id: number;
	readonly lane: number | null;
	readonly pid: number | null;
	readonly tid: number | null;
	readonly cpu: number | null;
	readonly queuedMs: number;
	readonly startMs: number | null;
	/** When the task's own code began (after a thread spawned for it came up); else startMs. */
	readonly runStartMs: number | null;
	readonly endMs: number | null;
	readonly ok: boolean;
	readonly error: string | null;
};

/** What a host measured about its engine, beside the task events. */
export type HostMeasurements = {
	readonly elapsedMs: number;
	readonly cpuMs: number;
	readonly peakRssBytes: number;
	readonly startupMs: number;
	readonly loopLagMaxMs: number;
	readonly loopLagP99Ms: number;
	/** Processes and threads the engine started (pool units or per-task threads). */
	readonly unitsStarted: number;
	/**
	 * CPU ms of the host's main (JS) thread alone (Linux; null elsewhere). On async, the rest of
	 * cpuMs ran on its helper threads: libuv's pool (hashing, file I/O) and V8's (GC, compiling).
	 */
	readonly mainThreadCpuMs: number | null;
};

/**
 * How the CPU quota held back everything in its cgroup during an engine's window, from the kernel's
 * cpu.stat: the quota's periods (100 ms by default), those in which the group ran out of its
 * quota and was stopped until the next, and the time its threads waited so, summed over CPUs.
 */
export type Throttling = {
	readonly quotaCores: number;
	readonly periods: number;
	readonly throttledPeriods: number;
	readonly throttledMs: number;
};

/** How late an engine host's event loop was at `t` (ms from the engine's start). */
/** `-w net`: what the delay server answered for an engine, and each request's time split in three (ms). */
export type NetRequests = {
	/** Requests the server answered, and the bytes it sent in them. */
	readonly served: number;
	readonly bytes: number;
	/** Each answered request: on its way to the server (queueing, connecting), the server's delay, and the answer's way back to the task's end. */
	readonly requests: ReadonlyArray<{readonly task: number; readonly queueMs: number; readonly serviceMs: number; readonly transferMs: number | null}>;
};

export type LoopLagSample = {readonly t: number; readonly lagMs: number};
/** One OS thread at a sample: its process, id, the name the kernel has for it, and the CPU it used since it started (ms). */
export type ThreadCpu = {readonly pid: number; readonly tid: number; readonly name: string; readonly cpuMs: number};

/**
 * What an OS thread did for its engine: JS (an event loop: the main thread, a worker thread),
 * libuv's thread pool (file I/O, hashing, DNS), V8's helpers (garbage collection, compiling), or
 * another of the runtime's (the inspector's, a signal watcher).
 */
export type ThreadRole = 'js' | 'libuv' | 'v8' | 'other';

/** An engine's OS threads over its run (Linux): what each did and the CPU it used. */
export type EngineThreads = {
	/** libuv's pool size in force in the engine's processes (UV_THREADPOOL_SIZE, --uv-threads; 4 by default). */
	readonly uvThreads: number;
	/** How roles were told: by the names Node gives its threads (24), by the order Node starts them in (20), or both (22 names some) (docs/decisions.md). */
	readonly identifiedBy: 'names' | 'names and creation order' | 'creation order';
	/** Each thread seen while the engine ran (one that ended between samples may be missing), in pid then tid order. */
	readonly threads: ReadonlyArray<ThreadCpu & {readonly role: ThreadRole}>;
};

/** One sample during an engine's window (see CpuSampleEvent): `engineCores` is that engine's own. */
export type CoreSample = {
	readonly t: number;
	readonly busy: readonly number[];
	readonly ownCores: number | null;
	readonly engineCores: number | null;
	/** The engine's OS threads at the sample (host and units), where the OS tells. */
	readonly engineThreads?: number | null;
	/** Each of its threads' CPU since the engine's window opened (ms, by tid), at most 256 of them, where the OS tells. */
	readonly threadCpuMs?: Readonly<Record<string, number>> | null;
};

export type EngineResult = HostMeasurements & {
	readonly engine: EngineName;
	/** CPU time / wall time: how many cores' worth of work ran at once, on average. */
	readonly parallelism: number;
	/**
	 * The most cores' worth of work the engine's own processes (host and units) did at once: the
	 * peak, over 1 s windows of its run, of their CPU time ÷ wall time (never the machine's busy
	 * count). At least `parallelism`. null where the OS does not tell.
	 */
	readonly coresUsed: number | null;
	/**
	 * Cores' worth of CPU that programs other than concur-tui used, on average, while this engine
	 * ran: the machine's busy time minus concur-tui's whole process tree's. null where unknown.
	 */
	readonly otherLoadCores: number | null;
	/** True when more CPU-bound units ran at once than there are cores. */
	readonly contended: boolean;
	/** False when the run was interrupted or the engine failed before all tasks ended. */
	readonly complete: boolean;
	/** Why the engine stopped early, when it did. */
	readonly error: string | null;
	readonly lanes: readonly LaneInfo[];
	readonly tasks: readonly TaskRecord[];
	readonly coreSamples: readonly CoreSample[];
	/** The engine host's pid (the process engine's units are its children); null if it never started. */
	readonly hostPid: number | null;
	/** How late the host's event loop was, sampled as it ran (ms from the engine's start). */
	readonly loopLagSamples: readonly LoopLagSample[];
	/** `-w net` only: the delay server's side of the engine's requests. */
	readonly net?: NetRequests;
	/** Its OS threads (JS, libuv's pool, V8's helpers) and the CPU each used, where the OS tells (absent from older documents). */
	readonly osThreads?: EngineThreads | null;
	/** Under a CPU quota, how it throttled the run while this engine ran; null without a quota or where unreadable (absent from older documents). */
	readonly throttling?: Throttling | null;
	/** Over the rounds of the run; this result is the engine's median round. */
	readonly spread: Spread;
};

/** One engine's figures in one round (every round is kept; task records only for the reported one). */
export type RoundFigures = {
	readonly engine: EngineName;
	readonly elapsedMs: number;
	readonly cpuMs: number;
	readonly parallelism: number;
	readonly coresUsed: number | null;
	readonly otherLoadCores: number | null;
	readonly complete: boolean;
	/** Every task of this round that ended in failure, with why: a failure in any round is kept. */
	readonly failed: ReadonlyArray<{readonly id: number; readonly error: string | null}>;
};

type Round = {readonly round: number; readonly order: readonly EngineName[]; readonly engines: readonly RoundFigures[]};

/** How an engine's elapsed time varied over the rounds (as hyperfine reports it). */
export type Spread = {
	readonly rounds: number;
	readonly medianMs: number;
	readonly minMs: number;
	readonly maxMs: number;
	/** Rounds (0-based) whose time stands out: a modified z-score above 3.5 (median absolute deviation). */
	readonly outlierRounds: readonly number[];
};

/** The note's words for what a run showed of an engine (result/lesson.ts says when each is earned). */
export type ShowedKind = 'parallel' | 'time-slicing' | 'concurrent' | 'one at a time' | 'not shown';

/** A row of the note's "Differences" table, beside what this run showed. */
export type DifferenceRow = {
	readonly engine: EngineName;
	/** The note's name for the model: Async, Many-thread, Multicore. */
	readonly model: string;
	/** programming model, execution model, hardware. */
	readonly level: string;
	/** The note's claims, as it asks them. */
	readonly needsMultipleCores: 'yes' | 'no';
	readonly needsMultipleThreads: 'yes' | 'no';
	/** What this run's figures showed, in the note's words, with them: "concurrent, not parallel: 2 at once took turns (time-slicing), ∥ 1.00". */
	readonly showed: string;
	/** The same, in a few characters: "time-slicing ∥1.00". */
	readonly showedShort: string;
	readonly showedKind: ShowedKind;
	/** JS threads that ran tasks, and every OS thread of its processes at most at once (null where unknown). */
	readonly jsThreads: number;
	readonly osThreads: number | null;
};

export type RunResult = {
	/** 2: coresUsed is the engine's own cores (a fraction), rounds, spread, otherLoadCores and mainThreadCpuMs added. */
	readonly schema: 2;
	/** One id per run, in every export of that run (the trace's otherData too). */
	readonly runId: string;
	readonly machine: MachineInfo;
	readonly config: RunConfig & {readonly calibration: Calibration | null};
	readonly engines: readonly EngineResult[];
	/** Every round's figures, in the order they ran. */
	readonly rounds: readonly Round[];
	/** False when the run was interrupted or an engine stopped early: the figures are partial. */
	readonly complete: boolean;
	readonly verdict: string;
	/** The note's Differences table with what this run showed (absent from documents before it was added). */
	readonly differences?: readonly DifferenceRow[];
};

/** How much work makes one ms here, measured once per run so every engine runs the same work. */
export type Calibration = {
	readonly cpuIterationsPerMs: number;
	readonly hashIterationsPerMs: number;
	/** `-w fs`: write, fsync and read-back rounds per ms on the run's disk (absent from older documents). */
	readonly fsRoundsPerMs?: number;
};
