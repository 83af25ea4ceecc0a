import {engineKinds} from '../config/engine-kinds.js';
import type {EngineResult, TaskRecord} from '../model/result-types.js';

/**
 * What the measurements say about a run, for the verdict: every clause it writes rests on one of
 * these, never on the workload's name. Each is null where the run does not tell.
 */

/** Other programs' load matters from a quarter of a core on (a quiet machine here: 0.00-0.03). */
export const otherLoadFloorCores = 0.25;

/** A run is too short to compare below this many of its slowest engine's start-ups. */
const startupsToCompare = 3;
/** … and below this (ms), where timers and scheduling are a large part of any time measured. */
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

/** Why a run is too short to name a winner, or null when it is long enough. */
export function tooShortToCompare(engines: readonly EngineResult[]): string | null {
	const fastest = Math.min(...engines.map((engine) => engine.elapsedMs));
	const slowestStartup = Math.max(0, ...engines.map((engine) => engine.startupMs));
	const needed = Math.max(shortestComparableMs, startupsToCompare * slowestStartup);
	if (fastest >= needed) return null;
	return slowestStartup * startupsToCompare > shortestComparableMs
		? `the fastest engine took ${Math.round(fastest)} ms, under ${startupsToCompare} start-ups of its slowest pool (${Math.round(slowestStartup)} ms each)`
		: `the fastest engine took ${Math.round(fastest)} ms, under ${shortestComparableMs} ms, where timers and scheduling are a large part of any time`;
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
 * Cores' worth of CPU an engine's host did off its main JS thread: on async, its helper threads
 * (libuv's pool for hashing and file I/O, V8's for GC and compiling). From the main thread's own
 * CPU time where the OS tells it; elsewhere, what parallelism shows above one thread.
 */
export function helperThreadCores(engine: EngineResult): number {
	if (engine.elapsedMs <= 0) return 0;
	if (engine.mainThreadCpuMs === null) return Math.max(0, engine.parallelism - 1);
	return Math.max(0, engine.cpuMs - engine.mainThreadCpuMs) / engine.elapsedMs;
}
