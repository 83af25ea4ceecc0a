import {engineKinds, helperThreadsFloorCores} from '../config/engine-kinds.js';
import type {DifferenceRow, EngineResult, RunResult, ShowedKind} from '../model/result-types.js';
import {cpuShareOf, helperThreadCores, jsThreadsOf, mostAtOnce, osThreadsOf} from './evidence.js';
import {usableCores} from '../model/run-config.js';

/**
 * The note's "Differences" table (shared/seed), each model's claims beside what this run showed,
 * in the note's own words: concurrent, parallel, time-slicing. Each word is earned by the figures
 * of this run (tasks at once from the records, parallelism = CPU time ÷ wall time), never by a flag:
 * - parallel: two or more tasks at once and more than 1.5 cores' worth of CPU at once;
 * - concurrent, not parallel (time-slicing): two or more units running tasks at once with
 *   parallelism from 0.8 to 1.1, and (where the cores the run could use are known) the tasks
 *   CPU-bound, 70% or more of their running time on the CPU: they wanted the CPU and took turns on
 *   one core's worth (units that waited on a disk or a socket did not take turns);
 * - concurrent, waiting: two or more at once with parallelism under 0.5: they overlapped by waiting;
 * - one task at a time otherwise, or "too little ran to tell".
 */

/** How this run's figures show an engine, in the note's words, with their evidence ("parallel: 2 at once, ∥ 1.97"). */
export type Showed = {readonly kind: ShowedKind; readonly text: string; readonly short: string};

const parallelFrom = 1.5;
const slicingFrom = 0.8;
const slicingUpTo = 1.1;
const waitingBelow = 0.5;

export function showedBy(engine: EngineResult, cores: number | null = null): Showed {
	if (!engine.complete || engine.tasks.length === 0) return {kind: 'not shown', text: 'too little ran to tell', short: '–'};
	const atOnce = mostAtOnce(engine.tasks);
	const p = engine.parallelism.toFixed(2);
	const baseline = engineKinds[engine.engine].isBaseline;
	if (atOnce < 2) return {kind: 'one at a time', text: `one task at a time, ∥ ${p}`, short: `one at a time ∥${p}`};
	if (engine.parallelism >= parallelFrom) {
		return baseline && helperThreadCores(engine) >= helperThreadsFloorCores
			? {kind: 'parallel', text: `parallel on its helper threads: ${atOnce} at once on 1 JS thread, ∥ ${p}`, short: `parallel (helper threads) ∥${p}`}
			: {kind: 'parallel', text: `parallel: ${atOnce} at once, ∥ ${p}`, short: `parallel ∥${p}`};
	}

	const wantedTheCpu = cores === null || (cpuShareOf(engine, cores) ?? 0) >= 0.7;
	if (!baseline && engine.parallelism >= slicingFrom && engine.parallelism <= slicingUpTo && wantedTheCpu) {
		return {kind: 'time-slicing', text: `concurrent, not parallel: ${atOnce} at once took turns (time-slicing), ∥ ${p}`, short: `time-slicing ∥${p}`};
	}

	if (engine.parallelism < waitingBelow) {
		return {kind: 'concurrent', text: `concurrent: ${atOnce} waited at once${baseline ? ' on 1 thread' : ''}, ∥ ${p}`, short: `concurrent (waiting) ∥${p}`};
	}

	return {kind: 'concurrent', text: `concurrent: ${atOnce} at once, ∥ ${p}`, short: `concurrent ∥${p}`};
}

/** The note's table for this run: each engine's model, level and claims, and what the run showed. */
export function differenceRows(result: Pick<RunResult, 'engines'> & Partial<Pick<RunResult, 'machine' | 'config'>>): DifferenceRow[] {
	const cores = coresOf(result);
	return result.engines.map((engine) => {
		const {seed} = engineKinds[engine.engine];
		const showed = showedBy(engine, cores);
		return {
			engine: engine.engine,
			model: seed.model,
			level: seed.level,
			needsMultipleCores: seed.cores,
			needsMultipleThreads: seed.threads,
			showed: showed.text,
			showedShort: showed.short,
			showedKind: showed.kind,
			jsThreads: jsThreadsOf(engine),
			osThreads: osThreadsOf(engine),
		};
	});
}

/** One line per engine: the note's analogy, and what this run measured of it. */
export function analogyLines(result: Pick<RunResult, 'engines'> & Partial<Pick<RunResult, 'machine' | 'config'>>): string[] {
	const cores = coresOf(result);
	return result.engines.map((engine) => {
		const {seed} = engineKinds[engine.engine];
		return `${seed.model}, ${seed.analogy}: ${showedBy(engine, cores).text}.`;
	});
}

/** The cores the run could use, where the document says (its machine and its pinning). */
function coresOf(result: Partial<Pick<RunResult, 'machine' | 'config'>>): number | null {
	return result.machine && result.config ? usableCores(result.config, result.machine.cores) : null;
}
