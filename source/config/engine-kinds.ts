import type {LaneInfo} from '../model/result-types.js';
import type {EngineName, RunConfig} from '../model/run-config.js';
import {isCpuBound, workloadKinds} from './workload-kinds.js';

/** An engine's helper threads count as doing its work from half a core on (V8's GC alone stays well below). */
export const helperThreadsFloorCores = 0.5;

/** libuv's default thread pool size: async hashing runs on up to this many threads. */
const libuvThreads = Number(process.env.UV_THREADPOOL_SIZE) || 4;

/**
 * Everything concur-tui says or decides about one engine, in one place: every layer reads this
 * catalog instead of testing engine names. A new engine is one entry here (the compiler asks
 * for every field) and its runner in engines/host/host-main.ts.
 */
export type EngineKind = {
	/** The panel's title and the trace's process name. */
	readonly title: string;
	/** The title where room is short: the model's name alone. */
	readonly shortTitle: string;
	/** The title when --threads spawn starts a thread per task instead of a pool. */
	readonly titleWhenSpawning?: string;
	/** What runs a task: the event loop, a worker thread or a forked process. */
	readonly runtime: 'loop' | 'thread' | 'process';
	/** The one the others' speedup is measured against. */
	readonly isBaseline: boolean;
	/** Its tasks share the host's one heap, so --heap-limit goes to the host itself. */
	readonly sharesHostHeap: boolean;
	/** --timeout can only signal a task: one that never yields blocks the engine (watched from outside). */
	readonly cooperativeTimeout: boolean;
	/** Its event loop's lag is the point (shown in its panel's title). */
	readonly showsLoopLag: boolean;
	/** A lane's short name in rows: loop, T1, P2, S1 (a slot of spawned threads); in narrow panels the loop is L. */
	laneShortName(lane: LaneInfo, compact?: boolean): string;
	/** What identifies a lane to the OS: a process shows its pid, a thread its tid. */
	laneIdentity(lane: LaneInfo): string;
	/** Threads that can want a core at once. */
	cpuBoundUnits(config: RunConfig): number;
	/** Threads and processes it starts at once (the scale check). */
	unitsAtOnce(config: RunConfig): {readonly threads: number; readonly processes: number};
	/** Its units in a sentence, given the lanes it opened: "one thread", "2 processes". */
	unitsText(lanes: number): string;
	/** What it ran on, as measured, beside the seed's claim (`helperCores`: CPU off the main JS thread). */
	ranOn(lanes: number, helperCores: number): string;
	/** What --timeout does here, in the panel's words. */
	readonly timeoutMeaning: string;
	/** The seed's claims (shared/seed): its model, and whether it uses cores and threads. */
	readonly seed: {readonly model: string; readonly level: string; readonly cores: 'yes' | 'no'; readonly threads: 'yes' | 'no'; readonly analogy: string};
};

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
const poolUnits = (config: RunConfig) => (isCpuBound(config.workload) ? Math.min(config.pool, config.tasks) : 0);

export const engineKinds = {
	async: {
		title: 'Async · one event loop',
		shortTitle: 'Async',
		runtime: 'loop',
		isBaseline: true,
		sharesHostHeap: true,
		cooperativeTimeout: true,
		showsLoopLag: true,
		laneShortName: (_lane, compact = false) => (compact ? 'L' : 'loop'),
		laneIdentity: (lane) => `pid ${lane.pid}`,
		cpuBoundUnits: (config) => (isCpuBound(config.workload) ? (workloadKinds[config.workload].usesLibuvPool ? Math.min(libuvThreads, config.tasks) : 1) : 0),
		unitsAtOnce: () => ({threads: 0, processes: 0}),
		unitsText: () => 'one thread',
		ranOn: (_lanes, helperCores) => (helperCores >= helperThreadsFloorCores ? '1 JS thread (+ helper threads)' : '1 JS thread'),
		timeoutMeaning: 'signal only, cooperative',
		seed: {model: 'Async', level: 'programming model', cores: 'no', threads: 'no', analogy: 'like ordering food and chatting until the waiter brings it'},
	},
	threads: {
		title: 'Many-thread · worker pool',
		shortTitle: 'Many-thread',
		titleWhenSpawning: 'Many-thread · a thread per task',
		runtime: 'thread',
		isBaseline: false,
		sharesHostHeap: false,
		cooperativeTimeout: false,
		showsLoopLag: false,
		laneShortName: (lane) => (lane.tid === null ? `S${lane.id + 1}` : `T${lane.id + 1}`),
		laneIdentity: (lane) => (lane.tid === null ? 'new thread per task' : `tid ${lane.tid}`),
		cpuBoundUnits: poolUnits,
		unitsAtOnce: (config) => ({threads: config.threads === 'spawn' ? Math.min(config.pool, config.tasks) : config.pool, processes: 0}),
		unitsText: (lanes) => plural(lanes, 'thread', 'threads'),
		ranOn: (lanes) => `${plural(lanes, 'thread', 'threads')}, 1 process`,
		timeoutMeaning: 'late threads stopped',
		seed: {model: 'Many-thread', level: 'execution model', cores: 'no', threads: 'yes', analogy: 'like kitchen staff in one restaurant, sharing its tools (memory)'},
	},
	processes: {
		title: 'Multicore · process pool',
		shortTitle: 'Multicore',
		runtime: 'process',
		isBaseline: false,
		sharesHostHeap: false,
		cooperativeTimeout: false,
		showsLoopLag: false,
		laneShortName: (lane) => `P${lane.id + 1}`,
		laneIdentity: (lane) => `pid ${lane.pid}`,
		cpuBoundUnits: poolUnits,
		unitsAtOnce: (config) => ({threads: 0, processes: config.pool}),
		unitsText: (lanes) => plural(lanes, 'process', 'processes'),
		ranOn: (lanes) => `${plural(lanes, 'process', 'processes')} × 1 JS thread`,
		timeoutMeaning: 'late processes stopped',
		seed: {model: 'Multicore', level: 'hardware', cores: 'yes', threads: 'no', analogy: 'like chefs cooking in parallel, each in a kitchen of its own'},
	},
} satisfies Record<EngineName, EngineKind>;

/** The result of the baseline engine among `engines`, when it completed. */
export function baselineOf<T extends {readonly engine: EngineName; readonly complete: boolean}>(engines: readonly T[]): T | undefined {
	return engines.find((engine) => engineKinds[engine.engine].isBaseline && engine.complete);
}

/** An engine's title for a run: the thread engine says when it spawns a thread per task. */
export function engineTitle(engine: EngineName, threads: RunConfig['threads']): string {
	const kind: EngineKind = engineKinds[engine];
	return (threads === 'spawn' ? kind.titleWhenSpawning : undefined) ?? kind.title;
}
