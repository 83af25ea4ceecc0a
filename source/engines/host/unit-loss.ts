import type {UnitLimits} from '../../model/run-config.js';
import {describeError} from '../../util/describe-error.js';
import {timedOutText} from '../../model/failure-texts.js';
import {fileLimitNamedIn} from '../../measure/machine-limits.js';

export type UnitKind = 'thread' | 'process';

/** What a lost unit's task says when its unit reached its heap limit. */
function outOfMemoryText(kind: UnitKind, heapLimitMb: number | null): string {
	const limit = heapLimitMb === null ? 'its heap limit' : `its heap limit (${heapLimitMb} MB)`;
	return kind === 'thread'
		? `out of memory: the thread reached ${limit} and was stopped`
		: `out of memory: the process reached ${limit} and aborted (SIGABRT)`;
}

/**
 * Why a pool unit's task failed when the unit itself went down, in plain words: "timed out after
 * 500 ms; ...", "out of memory: ...", "exited with code 1", "killed by SIGKILL". workerpool
 * reports a dead unit as "Workerpool Worker terminated Unexpectedly" with the exit code and
 * signal on the lines below, and a thread out of memory as a worker error.
 */
export function unitLossReason(error: unknown, kind: UnitKind, limits: UnitLimits, crashWords?: string): string {
	const reason = lossReason(error, kind, limits, crashWords);
	// Out of file descriptors (a thread or process could not be made, a file not opened): the limit named.
	const fileLimit = fileLimitNamedIn(reason);
	return fileLimit === null ? reason : `${reason}: ${fileLimit}`;
}

function lossReason(error: unknown, kind: UnitKind, limits: UnitLimits, crashWords: string | undefined): string {
	const text = error instanceof Error ? error.message : String(error);
	if (error instanceof Error && error.name === 'TimeoutError' && limits.timeoutMs !== null) {
		return timedOutText(limits.timeoutMs, `its ${kind} was stopped and replaced`);
	}

	if (text.includes('reaching memory limit')) return outOfMemoryText('thread', limits.heapLimitMb);
	// An uncaught throw or rejection outside any task's promise (in a timer, say) ends the thread.
	if (text.startsWith('Workerpool Worker error: ')) {
		const cause = (error as {cause?: unknown}).cause;
		return `the ${kind} crashed: ${cause === undefined ? text.slice('Workerpool Worker error: '.length) : describeError(cause)}`;
	}

	const signal = /signalCode: `(SIG[A-Z]+)`/.exec(text)?.[1];
	// V8 aborts a process whose heap is full; with a limit set that is by far the likeliest cause.
	if (signal === 'SIGABRT' && limits.heapLimitMb !== null) return outOfMemoryText('process', limits.heapLimitMb);
	// Without a limit nothing here tells an abort the task asked for from a full heap or a native crash.
	if (signal === 'SIGABRT') return 'killed by SIGABRT: it aborted (process.abort(), a native crash, or a full heap)';
	if (signal) return `killed by ${signal}`;
	const code = /exitCode: `(\d+)`/.exec(text)?.[1];
	// A process unit says its uncaught error as it dies (pool-worker-main.ts), as a thread's is given.
	if (code !== undefined && crashWords !== undefined) return `the ${kind} crashed: ${crashWords}`;
	if (code !== undefined) return `exited with code ${code}`;
	return describeError(error);
}

/** The signal that ended a pool unit, as workerpool reports it, or null. */
export function deathSignal(error: unknown): string | null {
	const text = error instanceof Error ? error.message : String(error);
	return /signalCode: `(SIG[A-Z]+)`/.exec(text)?.[1] ?? null;
}
