import {epochNow} from '../../measure/clock.js';
import {currentThreadPlace} from '../../measure/thread-info.js';
import {resolveTask, type WorkloadSpec} from '../../workloads/resolve-task.js';

/** Sent by a unit of execution while a task runs; epoch-ms times. */
export type UnitReport =
	| {readonly kind: 'start'; readonly id: number; readonly t: number; readonly pid: number; readonly tid: number | null}
	| {readonly kind: 'progress'; readonly id: number; readonly p: number};

export type TaskOutcome = {
	readonly id: number;
	readonly ok: boolean;
	readonly error: string | null;
	readonly startT: number;
	readonly endT: number;
	readonly pid: number;
	readonly tid: number | null;
	readonly cpu: number | null;
	/** Cumulative CPU ms and peak RSS of the unit's process (sent by process units only). */
	readonly processCpuMs: number | null;
	readonly maxRssBytes: number | null;
};

/** Progress is forwarded at most this often per task; the rest is dropped as stale. */
const progressEveryMs = 40;

export function describeError(error: unknown): string {
	if (error instanceof Error) {
		const text = error.message ? `${error.name}: ${error.message}` : error.name;
		return text.split('\n')[0] ?? text;
	}

	return String(error);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
	return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

export type ProcessStats = {readonly processCpuMs: number; readonly maxRssBytes: number};

export function processStats(): ProcessStats {
	const usage = process.resourceUsage();
	return {processCpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssBytes: usage.maxRSS * 1024};
}

/**
 * Runs task `id` of the run on the current thread and reports its start and progress. A task
 * that throws or rejects is an outcome with ok false, never an exception.
 */
export async function runTask(
	id: number,
	spec: WorkloadSpec,
	report: (message: UnitReport) => void,
	options: {readonly signal: AbortSignal; readonly withProcessStats: boolean},
): Promise<TaskOutcome> {
	let error: string | null = null;
	let startT = epochNow();
	const {tid} = currentThreadPlace();
	try {
		const task = await resolveTask(spec);
		// The start is when the task's own code begins: on one event loop that is after the
		// previous synchronous task returned, which is what makes CPU work a staircase.
		startT = epochNow();
		report({kind: 'start', id, t: startT, pid: process.pid, tid});
		let lastReport = 0;
		const progress = (fraction: number) => {
			const now = performance.now();
			if (now - lastReport < progressEveryMs) return;
			lastReport = now;
			report({kind: 'progress', id, p: Math.min(1, Math.max(0, Number(fraction) || 0))});
		};

		const returned = task({index: id, taskMs: spec.taskMs}, {progress, signal: options.signal});
		// Awaiting a plain value would defer the end behind every queued task on this loop.
		if (isThenable(returned)) await returned;
	} catch (caught) {
		error = describeError(caught);
	}

	const endT = epochNow();
	const stats = options.withProcessStats ? processStats() : undefined;
	return {
		id,
		ok: error === null,
		error,
		startT,
		endT,
		pid: process.pid,
		tid,
		cpu: currentThreadPlace().cpu,
		processCpuMs: stats?.processCpuMs ?? null,
		maxRssBytes: stats?.maxRssBytes ?? null,
	};
}
