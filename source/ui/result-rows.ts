import {megabytes, milliseconds, seconds, times} from '../result/format.js';
import type {EngineResult, RunResult} from '../model/result-types.js';

/** The results table's rows: every figure measured, as the headless report shows them. */
export function resultRows(result: RunResult): Array<Record<string, string>> {
	const asyncElapsed = result.engines.find((engine) => engine.engine === 'async' && engine.complete)?.elapsedMs;
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

const seedClaims = {
	async: {model: 'Async', level: 'programming model', cores: 'no', threads: 'no'},
	threads: {model: 'Many-thread', level: 'execution model', cores: 'no', threads: 'yes'},
	processes: {model: 'Multicore', level: 'hardware', cores: 'yes', threads: 'no'},
} as const;

function threadsMeasured(engine: EngineResult): string {
	const units = engine.lanes.length;
	if (engine.engine === 'async') return engine.parallelism > 1.2 ? '1 JS thread (+ libuv pool)' : '1 JS thread';
	if (engine.engine === 'threads') return `${units} threads, 1 process`;
	return `${units} processes, 1 thread each`;
}

/** The seed's "Differences" table, each claim beside what this run measured. */
export function differenceRows(result: RunResult): Array<Record<string, string>> {
	return result.engines.map((engine) => {
		const claim = seedClaims[engine.engine];
		return {
			model: `${claim.model}: ${claim.level}`,
			'cores?': claim.cores,
			measured: `${engine.coresUsed ?? '–'} busy, ∥ ${engine.parallelism.toFixed(2)}`,
			'threads?': claim.threads,
			'ran on': threadsMeasured(engine),
		};
	});
}
