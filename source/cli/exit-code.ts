import type {RunResult} from '../model/result-types.js';

/** 70 is sysexits' EX_SOFTWARE: concur-tui itself failed. 71 (EX_OSERR): the machine refused a process. 74 (EX_IOERR): an export could not be written. */
export const exitCodes = {ok: 0, taskFailed: 1, usage: 2, internal: 70, machineLimit: 71, exportFailed: 74} as const;

/** 0 when every task of every engine ended ok in every round, else 1. */
export function exitCodeOf(result: RunResult): number {
	const allOk =
		result.engines.every((engine) => engine.complete && engine.tasks.every((task) => task.ok)) &&
		result.rounds.every((round) => round.engines.every((engine) => engine.complete && engine.failed.length === 0));
	return allOk ? exitCodes.ok : exitCodes.taskFailed;
}
