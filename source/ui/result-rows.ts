import {baselineOf, engineKinds} from '../config/engine-kinds.js';
import {megabytes, milliseconds, seconds, times} from '../result/format.js';
import type {RunResult} from '../model/result-types.js';

/** The results table's rows: every figure measured, as the headless report shows them. */
export function resultRows(result: RunResult): Array<Record<string, string>> {
	const asyncElapsed = baselineOf(result.engines)?.elapsedMs;
	// Short headings: the table fits 80 columns.
	return result.engines.map((engine) => ({
		engine: engine.engine + (engine.complete ? '' : '*'),
		elapsed: seconds(engine.elapsedMs),
		speedup: asyncElapsed && engine.elapsedMs > 0 ? times(asyncElapsed / engine.elapsedMs) : '–',
		'∥ cpu/wall': engine.parallelism.toFixed(2),
		cores: engine.coresUsed === null ? '–' : String(engine.coresUsed),
		memory: megabytes(engine.peakRssBytes),
		'start-up': milliseconds(engine.startupMs),
	}));
}

/** The seed's "Differences" table, each claim beside what this run measured. */
export function differenceRows(result: RunResult): Array<Record<string, string>> {
	return result.engines.map((engine) => {
		const {seed: claim, ranOn} = engineKinds[engine.engine];
		return {
			model: `${claim.model}: ${claim.level}`,
			'cores?': claim.cores,
			measured: `${engine.coresUsed ?? '–'} busy, ∥ ${engine.parallelism.toFixed(2)}`,
			'threads?': claim.threads,
			'ran on': ranOn(engine.lanes.length, engine.parallelism),
		};
	});
}
