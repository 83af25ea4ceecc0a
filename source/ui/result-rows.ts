import {engineKinds} from '../config/engine-kinds.js';
import {engineFigures} from '../present/engine-figures.js';
import {helperThreadCores} from '../result/evidence.js';
import type {DifferenceRow, RunResult} from '../model/result-types.js';
import {differenceRows} from '../result/lesson.js';

/**
 * The results table's rows: every figure measured, as the headless report shows them. Short
 * headings: the table fits 80 columns; with `withThreads` (a wider terminal) the JS threads that
 * ran tasks and every OS thread of the engine's processes, apart ("1 JS · 11 OS").
 */
export function resultRows(result: RunResult, withThreads = false): Array<Record<string, string>> {
	const threads = result.differences ?? differenceRows(result);
	return engineFigures(result).map((figures, index) => ({
		engine: figures.engine + (figures.complete ? '' : '*') + (figures.skewed ? '!' : ''),
		elapsed: figures.elapsedSpread ? `${figures.elapsed} ${figures.elapsedSpread}` : figures.elapsed,
		speedup: figures.speedup,
		'∥ cpu/wall': figures.parallelism,
		cores: figures.coresUsed,
		memory: figures.peakMemory,
		'start-up': figures.startup,
		...(withThreads ? {threads: threadsText(threads[index])} : {}),
	}));
}

function threadsText(row: DifferenceRow | undefined): string {
	if (!row) return '–';
	return `${row.jsThreads} JS · ${row.osThreads ?? '–'} OS`;
}

/**
 * The note's "Differences" table beside what this run showed, as wide as the terminal allows:
 * the note's own columns, what this run showed in words and what ran it; then without what ran
 * it; the showing in short; without the level; short headings; the claims alone.
 */
export function differenceTables(result: RunResult): Array<Array<Record<string, string>>> {
	const rows = result.differences ?? differenceRows(result);
	const ranOnOf = (index: number) => {
		const engine = result.engines[index]!;
		const pinned = result.config.cpus ? ` on ${result.config.cpus.length} pinned ${result.config.cpus.length === 1 ? 'core' : 'cores'}` : '';
		const osThreads = rows[index]!.osThreads;
		return `${engineKinds[engine.engine].ranOn(engine.lanes.length, helperThreadCores(engine))}${pinned}${osThreads === null ? '' : ` · ${osThreads} OS threads`}`;
	};

	const full = rows.map((row, index) => ({
		model: row.model,
		level: row.level,
		'needs multiple cores?': row.needsMultipleCores,
		'needs multiple threads?': row.needsMultipleThreads,
		'this run showed': row.showed,
		'ran on': ranOnOf(index),
	}));
	const withoutRanOn = full.map(({'ran on': _ranOn, ...rest}) => rest);
	const shortShowing = withoutRanOn.map((row, index) => ({...row, 'this run showed': rows[index]!.showedShort}));
	const withoutLevel = shortShowing.map(({level: _level, ...rest}) => rest);
	const shortHeadings = rows.map((row) => ({model: row.model, 'cores?': row.needsMultipleCores, 'threads?': row.needsMultipleThreads, showed: row.showedShort}));
	const claimsOnly = shortHeadings.map(({showed: _showed, ...rest}) => rest);
	return [full, withoutRanOn, shortShowing, withoutLevel, shortHeadings, claimsOnly];
}
