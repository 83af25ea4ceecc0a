import {engineKinds} from '../config/engine-kinds.js';
import {engineFigures} from '../present/engine-figures.js';
import {helperThreadCores} from '../result/evidence.js';
import type {RunResult} from '../model/result-types.js';

/** The results table's rows: every figure measured, as the headless report shows them. */
export function resultRows(result: RunResult): Array<Record<string, string>> {
	// Short headings: the table fits 80 columns.
	return engineFigures(result).map((figures) => ({
		engine: figures.engine + (figures.complete ? '' : '*') + (figures.skewed ? '!' : ''),
		elapsed: figures.elapsedSpread ? `${figures.elapsed} ${figures.elapsedSpread}` : figures.elapsed,
		speedup: figures.speedup,
		'∥ cpu/wall': figures.parallelism,
		cores: figures.coresUsed,
		memory: figures.peakMemory,
		'start-up': figures.startup,
	}));
}

/** The seed's "Differences" table, each claim beside what this run measured. */
export function differenceRows(result: RunResult): Array<Record<string, string>> {
	return result.engines.map((engine) => {
		const {seed: claim, ranOn} = engineKinds[engine.engine];
		return {
			model: `${claim.model}: ${claim.level}`,
			'cores?': claim.cores,
			measured: `${engine.coresUsed === null ? '–' : engine.coresUsed.toFixed(1)} cores ∥${engine.parallelism.toFixed(2)}`,
			'threads?': claim.threads,
			// Pinned, where it ran says on how many cores: 4 threads at ∥1.00 on 1 core are concurrent, not parallel.
			'ran on': `${ranOn(engine.lanes.length, helperThreadCores(engine))}${result.config.cpus ? ` on ${result.config.cpus.length} pinned ${result.config.cpus.length === 1 ? 'core' : 'cores'}` : ''}`,
		};
	});
}
