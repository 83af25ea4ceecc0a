import type {Calibration} from '../model/result-types.js';
import type {WorkloadName} from '../model/run-config.js';

/** Everything a unit of execution needs to run any task of a run. */
export type WorkloadSpec = {
	readonly workload: WorkloadName;
	readonly modulePath: string | null;
	readonly taskMs: number;
	readonly calibration: Calibration;
	/** Each task's time budget in ms (its signal aborts then), or null. */
	readonly timeoutMs: number | null;
	/** `-w net`: the delay server's URL for this engine's round, or null. */
	readonly netBase: string | null;
	/** `-w fs`: the folder of this engine's round, inside the run's temporary folder, or null. */
	readonly fsDir: string | null;
	/** --task-arg: a task module's input, as JSON text, or null. */
	readonly taskArg: string | null;
};
