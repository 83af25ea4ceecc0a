import {engineKinds} from '../config/engine-kinds.js';
import type {EngineResult, TaskRecord, Throttling} from '../model/result-types.js';

/**
 * What the measurements say about a run, for the verdict: every clause it writes rests on one of
 * these, never on the workload's name. Each is null where the run does not tell.
 */

/** Other programs' load matters from a quarter of a core on (a quiet machine here: 0.00-0.03). */
export const otherLoadFloorCores = 0.25;

/**
 * What can move an engine's elapsed time with no difference between the engines at all: timers
 * (Node's fire 1 ms late or more), the scheduler handing a core over, a garbage collection. Start-up
 * is no part of it: elapsed is measured from the engine's first task, its start-up apart.
 */
const schedulingNoiseMs = 10;
/** From this elapsed time on, engines within the noise of each other are a tie, not a run too short. */
const shortestComparableMs = 100;

export type WorkKind = 'cpu-bound' | 'waits' | 'mixed';

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** The time each ended task spent running (its own code, spawn excluded), in ms. */
/** How long the tasks ran in all (from their own code's start): one pass, no array per task. */
export function totalRunTime(tasks: readonly TaskRecord[]): number {
	let total = 0;
	for (const task of tasks) {
		const start = task.runStartMs ?? task.startMs;
		if (start !== null && task.endMs !== null) total += Math.max(0, task.endMs - start);
	}

	return total;
}

/**
 * The share of its running time a task spent on the CPU, from an engine whose units run one task
 * at a time (CPU time ÷ the tasks' running time, the latter capped at what the cores could give
 * in the engine's window, so tasks that waited for a core are not read as waiting on I/O).
 */
export function cpuShareOf(engine: EngineResult, cores: number): number | null {
	if (engineKinds[engine.engine].isBaseline || engine.cpuMs <= 0) return null;
	const running = Math.min(totalRunTime(engine.tasks), engine.elapsedMs * cores);
	return running > 0 ? Math.min(1, engine.cpuMs / running) : null;
}

/** CPU-bound, waiting or mixed, from the pool engines' CPU share (their highest: the least disturbed). */
export function workKindOf(engines: readonly EngineResult[], cores: number): {kind: WorkKind; share: number} | null {
	const shares = engines.map((engine) => cpuShareOf(engine, cores)).filter((share): share is number => share !== null);
	if (shares.length === 0) return null;
	const share = Math.max(...shares);
	return {kind: share >= 0.7 ? 'cpu-bound' : share <= 0.3 ? 'waits' : 'mixed', share};
}

/** The most tasks that were running at the same instant (one that never ended ran on to the end). */
export function mostAtOnce(tasks: readonly TaskRecord[]): number {
	// Starts and ends in two sorted typed arrays, merged: 100,000 tasks are not 200,000 pairs.
	const started = tasks.filter((task) => task.startMs !== null);
	const starts = Float64Array.from(started, (task) => task.startMs!).sort();
	const ends = Float64Array.from(started, (task) => task.endMs ?? Number.POSITIVE_INFINITY).sort();
	let now = 0;
	let most = 0;
	let end = 0;
	for (const start of starts) {
		// Ends before starts at the same instant: back-to-back tasks are not "at once".
		while (ends[end]! <= start) {
			end++;
			now--;
		}

		now++;
		most = Math.max(most, now);
	}

	return most;
}

/** How far apart two engines' times may be by chance: the scheduling noise, or with rounds the widest spread of them. */
function disturbanceMs(engines: readonly EngineResult[]): number {
	const spreads = engines.filter((engine) => engine.spread.rounds >= 2).map((engine) => engine.spread.maxMs - engine.spread.minMs);
	return Math.max(schedulingNoiseMs, ...spreads);
}

export type TooShort = {readonly fastestMs: number; readonly slowestMs: number; readonly disturbanceMs: number; readonly fromRounds: boolean};

/**
 * A run too short to tell the engines apart: every engine finished within 100 ms, and the slowest
 * within the disturbance of the fastest (what timers and scheduling, or the spread of the rounds,
 * can move a time by). Null when the engines can be compared: a longer run whose engines are
 * close is a tie, one whose engines are far apart has a winner however short.
 */
export function tooShortToCompare(engines: readonly EngineResult[]): TooShort | null {
	const elapsed = engines.map((engine) => engine.elapsedMs);
	const fastestMs = Math.min(...elapsed);
	const slowestMs = Math.max(...elapsed);
	if (fastestMs >= shortestComparableMs) return null;
	const disturbance = disturbanceMs(engines);
	if (slowestMs - fastestMs > disturbance) return null;
	return {fastestMs, slowestMs, disturbanceMs: disturbance, fromRounds: disturbance > schedulingNoiseMs};
}

/**
 * The most other programs' load could have slowed an engine: by the share of the cores it took
 * (cores ÷ what was left), as if every core's worth they used was taken from this engine; 1 when
 * the load did not skew it. At most 4×: a machine more than 3/4 taken tells nothing.
 */
export function loadSlowdownBound(engine: EngineResult, cores: number): number {
	if (!skewedByOtherLoad(engine, cores)) return 1;
	return cores / Math.max(cores - engine.otherLoadCores!, cores / 4);
}

/**
 * True when a CPU quota held this engine back: its cgroup ran out of quota in at least one period
 * while the engine ran, and the time its threads waited so reached 5% of the engine's time.
 */
export function throttledByQuota(engine: EngineResult): boolean {
	return throttlingMatters(engine.throttling ?? null, engine.elapsedMs);
}

/** The rule of throttledByQuota for a throttling and the time it was measured over. */
export function throttlingMatters(throttling: Throttling | null, elapsedMs: number): throttling is Throttling {
	return throttling !== null && throttling.throttledPeriods > 0 && throttling.throttledMs >= 0.05 * elapsedMs;
}

/**
 * True when other programs' load could have slowed this engine: they used at least a quarter of
 * a core on average while it ran, the machine's cores were full meanwhile (so what they used was
 * taken from someone), and the engine itself wanted the CPU (its parallelism is not negligible).
 */
export function skewedByOtherLoad(engine: EngineResult, cores: number): boolean {
	if (engine.otherLoadCores === null || engine.otherLoadCores < otherLoadFloorCores) return false;
	if (engine.parallelism < otherLoadFloorCores) return false;
	const samples = engine.coreSamples;
	if (samples.length === 0) return true;
	const busy = sum(samples.map((sample) => sum(sample.busy))) / samples.length;
	return busy >= cores - otherLoadFloorCores;
}

/**
 * The most OS threads an engine's processes had at once while it ran (host and units: JS threads,
 * libuv's pool, V8's helpers, the rest), from /proc; null where the OS does not tell.
 */
export function osThreadsOf(engine: EngineResult): number | null {
	let most: number | null = null;
	for (const sample of engine.coreSamples) if (typeof sample.engineThreads === 'number') most = Math.max(most ?? 0, sample.engineThreads);
	// A run shorter than a sample: the threads read when its window opened and closed.
	if (most === null && engine.osThreads) most = engine.osThreads.threads.length;
	return most;
}

/** The JS threads that ran tasks: async's one, one a worker thread, one a process. */
export function jsThreadsOf(engine: EngineResult): number {
	return engineKinds[engine.engine].isBaseline ? 1 : engine.lanes.length;
}

/**
 * Cores' worth of CPU an engine's host did off its main JS thread: on async, its helper threads
 * (libuv's pool for hashing and file I/O, V8's for GC and compiling). From the main thread's own
 * CPU time where the OS tells it; elsewhere, what parallelism shows above one thread.
 */
export function helperThreadCores(engine: EngineResult): number {
	if (engine.elapsedMs <= 0) return 0;
	if (engine.mainThreadCpuMs === null) return Math.max(0, engine.parallelism - 1);
	return Math.max(0, engine.cpuMs - engine.mainThreadCpuMs) / engine.elapsedMs;
}
