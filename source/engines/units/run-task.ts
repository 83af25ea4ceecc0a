import {epochNow} from '../../measure/clock.js';
import {currentThreadPlace} from '../../measure/thread-info.js';
import {describeError} from '../../util/describe-error.js';
import {fileLimitNamedIn} from '../../measure/machine-limits.js';
import type {TaskFunction} from '../../workloads/task-function.js';
import {timedOutText} from '../../model/failure-texts.js';
import {TaskDeadline} from './task-deadline.js';
import {monotonicNow, OwnPromise, setTimeout} from '../../util/own-globals.js';

type StartReport = {readonly kind: 'start'; readonly id: number; readonly t: number; readonly pid: number; readonly tid: number | null};
type ProgressReport = {readonly kind: 'progress'; readonly id: number; readonly p: number};
/** Sent by a unit of execution while a task runs; epoch-ms times. */
export type UnitReport = StartReport | ProgressReport;
/** Sent by a process unit as an uncaught error ends it, for the task it was running. */
export type CrashReport = {readonly kind: 'crash'; readonly id: number; readonly text: string};

/** Where a running task's start and progress go: a message channel, or the host's sink directly. */
export type Reporter = {
	readonly start: (report: StartReport) => void;
	readonly progress: (id: number, fraction: number) => void;
	/** Called when the task has ended, with how long it ran. */
	readonly ended?: (durationMs: number) => void;
};

/** A task's failure in one line; out of file descriptors, with the limit that was reached. */
function failureText(error: unknown): string {
	const text = describeError(error);
	let code: unknown;
	try {
		code = (error as {code?: unknown} | null | undefined)?.code;
	} catch {
		return text;
	}

	const limit = code === 'EMFILE' || code === 'ENFILE' ? fileLimitNamedIn(code) : null;
	return limit === null ? text : `${text}: ${limit}`;
}

/** Tasks shorter than this have their start sent with their outcome, not as a message of its own. */
const shortTaskMs = 5;

/**
 * A reporter that sends reports as messages (to a pool or a parent thread). While this unit's
 * tasks are short, a start travels with the task's outcome (which carries the same facts),
 * saving one message per task: the start arrives within 5 ms of when it would have.
 */
export function messageReporter(send: (report: UnitReport) => void, holdShortStarts = true): Reporter {
	let previousMs = Number.POSITIVE_INFINITY;
	let heldStart: StartReport | undefined;
	return {
		start(report) {
			if (holdShortStarts && previousMs < shortTaskMs) heldStart = report;
			else send(report);
		},
		progress(id, p) {
			if (heldStart) send(heldStart);
			heldStart = undefined;
			send({kind: 'progress', id, p});
		},
		ended(durationMs) {
			heldStart = undefined;
			previousMs = durationMs;
		},
	};
}

export type TaskOutcome = {
	readonly id: number;
	readonly ok: boolean;
	readonly error: string | null;
	readonly startT: number;
	readonly endT: number;
	readonly pid: number;
	readonly tid: number | null;
	readonly cpu: number | null;
};

/** Progress is forwarded at most this often per task; the rest is dropped as stale. */
const progressEveryMs = 40;

type RunOptions = {
	/** The task's time budget: its signal aborts then (null: never). */
	readonly timeoutMs: number | null;
	/**
	 * On an event loop nothing can stop a task that ignores its signal: stop waiting for it this
	 * long after the timeout (the async engine). Units leave it out: their host stops them.
	 */
	readonly abandonAfterMs?: number;
};

const neverAborted = new AbortController().signal;
const ignoredSignal = 'it ignored its abort signal; async cancellation is cooperative, so its code may still run';

/**
 * Runs task `id` of the run on the current thread and reports its start and progress. A task
 * that throws or rejects is an outcome with ok false, never an exception. A task that returns
 * synchronously gets its outcome synchronously: no promise, no deferred end.
 */
export function runTask(
	id: number,
	task: TaskFunction,
	taskMs: number,
	reporter: Reporter,
	options: RunOptions,
): TaskOutcome | Promise<TaskOutcome> {
	// The start is when the task's own code begins: on one event loop that is after the
	// previous synchronous task returned, which is what makes CPU work a staircase.
	const startT = epochNow();
	reporter.start({kind: 'start', id, t: startT, pid: process.pid, tid: currentThreadPlace().tid});
	const deadline = options.timeoutMs === null ? undefined : new TaskDeadline(options.timeoutMs);
	let outcome: TaskOutcome | undefined;
	const finish = (error: string | null, lateHow?: string): TaskOutcome => {
		if (outcome) return outcome;
		deadline?.clear();
		const how = lateHow ?? (error === null ? 'it ended late, ignoring its abort signal' : 'it stopped on its abort signal');
		outcome = outcomeOf(id, startT, deadline?.expired ? timedOutText(deadline.timeoutMs, how) : error);
		reporter.ended?.(outcome.endT - startT);
		return outcome;
	};

	let lastReport = 0;
	const progress = (fraction: number) => {
		const now = monotonicNow();
		if (outcome || now - lastReport < progressEveryMs) return;
		lastReport = now;
		reporter.progress(id, Math.min(1, Math.max(0, Number(fraction) || 0)));
	};

	let returned: unknown;
	try {
		returned = task({index: id, taskMs}, {progress, signal: deadline?.signal ?? neverAborted});
	} catch (error) {
		return finish(failureText(error));
	}

	// A returned value's `then` is read once, as a promise would: a getter that throws, or a
	// `then` that throws when called, is the task's failure, never the engine's.
	let then: unknown;
	try {
		then = (returned as {then?: unknown} | null | undefined)?.then;
	} catch (error) {
		return finish(failureText(error));
	}

	// Awaiting a plain value would defer the end behind every queued task on this loop.
	if (typeof then !== 'function') return finish(null);
	const callThen = then as (this: unknown, onFulfilled: () => void, onRejected: (error: unknown) => void) => unknown;
	const settled = new OwnPromise<TaskOutcome>((resolve) => {
		try {
			callThen.call(
				returned,
				() => {
					resolve(finish(null));
				},
				(error: unknown) => {
					resolve(finish(failureText(error)));
				},
			);
		} catch (error) {
			resolve(finish(failureText(error)));
		}
	});
	const {abandonAfterMs} = options;
	if (!deadline || abandonAfterMs === undefined) return settled;
	return new OwnPromise<TaskOutcome>((resolve) => {
		void settled.then(resolve);
		deadline.onExpired(() => {
			setTimeout(() => {
				resolve(finish(null, ignoredSignal));
			}, abandonAfterMs);
		});
	});
}

function outcomeOf(id: number, startT: number, error: string | null): TaskOutcome {
	const endT = epochNow();
	const place = currentThreadPlace();
	return {
		id,
		ok: error === null,
		error,
		startT,
		endT,
		pid: process.pid,
		tid: place.tid,
		cpu: place.cpu,
	};
}

/** A task that could not run at all (its module failed to load in this unit). */
export function taskFailure(id: number, error: string): TaskOutcome {
	return outcomeOf(id, epochNow(), error);
}
