import type {RunResult} from '../model/result-types.js';

/** 70 is sysexits' EX_SOFTWARE: concur-tui itself failed. */
export const exitCodes = {ok: 0, taskFailed: 1, usage: 2, internal: 70} as const;

/** 0 when every task of every engine ended ok, else 1. */
export function exitCodeOf(result: RunResult): number {
	const allOk = result.engines.every((engine) => engine.complete && engine.tasks.every((task) => task.ok));
	return allOk ? exitCodes.ok : exitCodes.taskFailed;
}
