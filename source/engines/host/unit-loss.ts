import {describeError} from '../../util/describe-error.js';

/**
 * Why a pool unit died under a task, in plain words: "exited with code 1", "killed by SIGKILL".
 * workerpool reports it as "Workerpool Worker terminated Unexpectedly" with the exit code and
 * signal on the lines below.
 */
export function unitLossReason(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	const signal = /signalCode: `(SIG[A-Z]+)`/.exec(text)?.[1];
	if (signal) return `killed by ${signal}`;
	const code = /exitCode: `(\d+)`/.exec(text)?.[1];
	if (code !== undefined) return `exited with code ${code}`;
	return describeError(error);
}
