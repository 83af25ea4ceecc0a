import type {EngineName, RunConfig} from './run-config.js';
import type {HostMeasurements, LaneInfo, MachineInfo, RunResult, ThreadCpu, Throttling} from './result-types.js';

export type {LaneInfo} from './result-types.js';

/** Times (`t`) are ms since the run started, on one axis shared by all engines. */
/** `runId` names the run in every export it writes, so files from different runs never pass for one. */
export type RunStartEvent = {readonly runId: string; readonly config: RunConfig; readonly machine: MachineInfo; readonly startedAt: number};
export type EngineStartEvent = {
	readonly engine: EngineName;
	readonly t: number;
	readonly startupMs: number;
	/** The engine host's own process (the trace names it; the process engine's units are its children). */
	readonly hostPid: number;
	/** libuv's pool size in force in the host and its processes (absent from older hosts' events). */
	readonly uvThreads?: number;
};
export type LaneOpenEvent = {readonly engine: EngineName; readonly t: number; readonly lane: LaneInfo};
export type TaskQueuedEvent = {readonly engine: EngineName; readonly t: number; readonly ids: readonly number[]};
export type TaskStartEvent = {
	readonly engine: EngineName;
	readonly t: number;
	readonly id: number;
	readonly lane: number;
	readonly pid: number;
	readonly tid: number | null;
};
/** Progress of many tasks at once: task ids[i] is at values[i] (0..1, to 0.001). */
export type TaskProgressEvent = {
	readonly engine: EngineName;
	readonly t: number;
	readonly ids: readonly number[];
	readonly values: readonly number[];
};
/**
 * The progress of many running tasks at once, per lane: lanes[i]'s running tasks are at values[i]
 * on average (0..1, to 0.001). A host sends this instead of task:progress when more tasks report
 * progress than any screen has rows for them (an event loop with 100,000 tasks asleep).
 */
export type LaneProgressEvent = {
	readonly engine: EngineName;
	readonly t: number;
	readonly lanes: readonly number[];
	readonly values: readonly number[];
};
/** Where and when a task started, when no task:start event was sent for it (a short task). */
type TaskStartFacts = {readonly t: number; readonly lane: number; readonly pid: number; readonly tid: number | null};

export type TaskEndEvent = {
	readonly engine: EngineName;
	readonly t: number;
	readonly id: number;
	/** Set when this end also stands for the task's start: tasks under 5 ms send one event, not two. */
	readonly started?: TaskStartFacts;
	readonly ok: boolean;
	readonly error: string | null;
	/** The core the task last ran on; null where the OS does not tell. */
	readonly cpu: number | null;
	/** When the task's own code began, where that differs from its start (a thread spawned per task). */
	readonly runStartT: number | null;
};
/** An engine's figures so far, every ~250 ms while it runs. */
export type EngineSampleEvent = {
	readonly engine: EngineName;
	readonly t: number;
	/** CPU ms used since the engine's start, host and children. */
	readonly cpuMs: number;
	/** How late the host's event loop is right now (a blocked loop: how long it has been blocked). */
	readonly loopLagMs: number;
};
/**
 * One sample of the machine over the last sampling interval: the busy fraction (0..1) of every
 * core, and how many cores' worth of CPU concur-tui's own process tree and each running
 * engine's tree (its host and every unit) used in it. null where the OS does not tell (not Linux).
 */
export type CpuSampleEvent = {
	readonly t: number;
	readonly busy: readonly number[];
	readonly ownCores: number | null;
	readonly engineCores: Partial<Record<EngineName, number>>;
	/** Each running engine's OS threads at the sample, over its host and units (Linux). */
	readonly engineThreads?: Partial<Record<EngineName, number>>;
	/** Each running engine's threads with the CPU each used so far (at most 256 an engine; Linux). */
	readonly engineThreadCpu?: Partial<Record<EngineName, readonly ThreadCpu[]>>;
};
/** An engine finished: its host's measurements, or the error that stopped it (then null). */
export type EngineEndEvent = {
	readonly engine: EngineName;
	readonly t: number;
	readonly measurements: HostMeasurements | null;
	readonly contended: boolean;
	readonly error: string | null;
	/** Under a CPU quota, its throttling over the engine's window; null without one. */
	readonly throttling?: Throttling | null;
	/**
	 * Its threads as read when the engine started its tasks (the host's start-up, left out of
	 * each thread's CPU) and when they ended (Linux; empty elsewhere).
	 */
	readonly threads?: {readonly atStart: readonly ThreadCpu[]; readonly atEnd: readonly ThreadCpu[]};
};
/**
 * An engine's host is held from outside its code (its process stopped: SIGSTOP, a debugger), so
 * the engine waits: `why` says so; null once the host is heard again. Seen by concur-tui's watchdog.
 */
/** A request the delay server of `-w net` answered: when it was sent, arrived, and left the server (ms; epoch from the server, the run's axis on the bus). */
export type ServedRequest = {
	readonly task: number;
	readonly sentAt: number;
	readonly arrivedAt: number;
	readonly departedAt: number;
	readonly bytes: number;
};
/** What the delay server answered for one engine's round, told before that engine's end. */
export type NetServedEvent = {readonly engine: EngineName; readonly t: number; readonly requests: readonly ServedRequest[]};
export type EngineHeldEvent = {readonly engine: EngineName; readonly t: number; readonly why: string | null};
type RunEndEvent = {readonly result: RunResult};
/** A round begins: every engine runs once more, in `order` (rotated each round so drift favours none). */
type RoundStartEvent = {readonly round: number; readonly rounds: number; readonly order: readonly EngineName[]};

/** Every event on the bus: name -> argument tuple (as Node's typed EventEmitter wants). */
export type BusEvents = {
	'run:start': [RunStartEvent];
	'round:start': [RoundStartEvent];
	'engine:start': [EngineStartEvent];
	'lane:open': [LaneOpenEvent];
	'task:queued': [TaskQueuedEvent];
	'task:start': [TaskStartEvent];
	'task:progress': [TaskProgressEvent];
	'lane:progress': [LaneProgressEvent];
	'task:end': [TaskEndEvent];
	'engine:sample': [EngineSampleEvent];
	'cpu:sample': [CpuSampleEvent];
	'engine:held': [EngineHeldEvent];
	'net:served': [NetServedEvent];
	'engine:end': [EngineEndEvent];
	'run:end': [RunEndEvent];
};

export type BusEventName = keyof BusEvents;

/** One event as it travels in a batch over IPC from a host to the UI process. */
export type WireEvent = {[K in BusEventName]: {readonly name: K; readonly data: BusEvents[K][0]}}[BusEventName];
