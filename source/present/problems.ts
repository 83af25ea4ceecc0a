import type {EngineName} from '../model/run-config.js';
import type {RunResult} from '../model/result-types.js';
import {skewedByOtherLoad} from '../result/evidence.js';

export type Problems = {
	/** Engines that stopped early, with why: that is what ended their unfinished tasks. */
	readonly stopped: ReadonlyArray<{readonly engine: EngineName; readonly reason: string}>;
	/** Tasks that ended in failure, with their reason, in engine then task order. */
	readonly failed: ReadonlyArray<{readonly engine: EngineName; readonly id: number; readonly reason: string}>;
	/** Engines whose times other programs' load may have lengthened (result/evidence.ts), in words. */
	readonly skewed: ReadonlyArray<{readonly engine: EngineName; readonly text: string}>;
};

/** What went wrong in a run, once, for every view of it. */
export function problemsOf(result: RunResult): Problems {
	return {
		stopped: result.engines.flatMap((engine) => (engine.error ? [{engine: engine.engine, reason: engine.error}] : [])),
		failed: result.engines.flatMap((engine) =>
			engine.tasks.filter((task) => task.endMs !== null && !task.ok).map((task) => ({engine: engine.engine, id: task.id, reason: task.error ?? 'failed'})),
		),
		skewed: result.engines
			.filter((engine) => skewedByOtherLoad(engine, result.machine.cores))
			.map((engine) => ({
				engine: engine.engine,
				text: `other programs used ${engine.otherLoadCores!.toFixed(1)} cores during the ${engine.engine} run, while the machine's cores were full: its figures are skewed`,
			})),
	};
}
