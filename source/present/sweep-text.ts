import {coresText, megabytes, milliseconds, seconds, times} from '../result/format.js';
import {measuredWork, type SweepDocument, type SweepEngine, type SweepPoint} from '../result/sweep-analysis.js';
import {runFacts} from './run-description.js';
import {plainTable} from './plain-table.js';

const percent = (value: number) => `${Math.round(value * 100)}%`;

/** The header of a sweep, as facts: what it swept, then the run's settings (the last ones give way first where room is short). */
function sweepHeaderFacts(document: Pick<SweepDocument, 'config' | 'machine' | 'work' | 'sizes'>): string[] {
	// The run's facts without its task shape (said here per size) and its pool (swept).
	const facts = runFacts(document.config, document.machine).filter((fact, index) => index !== 1 && !fact.startsWith('pool '));
	// A module sets its tasks' length itself: no --task-ms is claimed for it.
	const shape = document.config.workload === 'module' ? `${document.config.tasks} tasks` : `${document.config.tasks} tasks × ${milliseconds(document.config.taskMs)}`;
	const work = document.work === 'fixed' ? `${shape} at every size (fixed work)` : `${shape} per unit (scaled work)`;
	return ['concur-tui sweep', `pools ${document.sizes.join(',')}`, work, ...facts];
}

/** The header line of a sweep, whole, or as many facts as fit `width`. */
export function sweepHeader(document: Pick<SweepDocument, 'config' | 'machine' | 'work' | 'sizes'>, width = Number.POSITIVE_INFINITY): string {
	const facts = sweepHeaderFacts(document);
	while (facts.length > 3 && facts.join(' · ').length > width) facts.pop();
	return facts.join(' · ');
}

/** One row per size: each engine's median time, speedup over its smallest pool, efficiency and ∥ (and with `wide`, memory and start-up). */
export function sweepTable(engines: readonly SweepEngine[], sizes: readonly number[], cores: number, wide = false): string[] {
	const columns = ['time', 'speedup', 'eff', '∥', ...(wide ? ['memory', 'start-up'] : [])];
	const header = ['pool', ...engines.flatMap((engine) => columns.map((column, index) => (index === 0 ? `${engine.engine} ${column}` : column)))];
	const rows = sizes.map((n) => [
		`${n}${n > cores ? '*' : ''}`,
		...engines.flatMap((engine) => {
			const point = engine.points.find((each) => each.n === n);
			return point ? cells(point, wide) : columns.map(() => '·');
		}),
	]);
	return plainTable(header, rows);
}

/** What the table's marks mean, only those it shows, in one line ("" when it shows none). */
export function sweepMarks(engines: readonly SweepEngine[], sizes: readonly number[], cores: number): string {
	const points = engines.flatMap((engine) => engine.points);
	const marks = [
		...(sizes.some((n) => n > cores) ? [`* more units than the ${coresText(cores)}`] : []),
		...(points.some((point) => point.roundsMs.length > 1 && point.medianMs > 0) ? ['±: half the range of the rounds'] : []),
		...(points.some((point) => !point.complete) ? ['!: not every task ended'] : []),
		...(points.some((point) => point.failedTasks > 0) ? ['✗N: N tasks failed'] : []),
		...(points.some((point) => point.skewed) ? ['~: other programs\' load skewed it'] : []),
	];
	return marks.length > 0 ? `(${marks.join('; ')})` : '';
}

function cells(point: SweepPoint, wide: boolean): string[] {
	const spread = point.roundsMs.length > 1 && point.medianMs > 0 ? ` ±${Math.round(((point.maxMs - point.minMs) / 2 / point.medianMs) * 100)}%` : '';
	return [
		`${seconds(point.medianMs)}${spread}${point.complete ? '' : ' !'}${point.failedTasks > 0 ? ` ✗${point.failedTasks}` : ''}${point.skewed ? ' ~' : ''}`,
		times(point.speedup),
		percent(point.efficiency),
		point.parallelism.toFixed(2),
		...(wide ? [megabytes(point.peakRssBytes), milliseconds(point.startupMs)] : []),
	];
}

/** The summary's parts: each engine's recommended pool, the baseline, the fits, and what the kind of work means. */
export function sweepSummaryParts(document: Pick<SweepDocument, 'engines' | 'baseline' | 'cores' | 'config' | 'work'>): {recommendations: string[]; baseline: string[]; fits: string[]; work: string[]} {
	const recommendations = document.engines.flatMap((engine) => (engine.recommendation ? [`${engine.engine}: recommended pool ${engine.recommendation.pool}: ${engine.recommendation.sentence}`] : []));
	// Failed tasks are named before anything measured: those sizes are left out of the fits and the recommendation.
	const failures = document.engines.flatMap((engine) => {
		const failed = engine.points.filter((point) => point.failedTasks > 0);
		return failed.length > 0
			? [`${engine.engine}: tasks failed at pool ${failed.map((point) => `${point.n} (${point.failedTasks} of ${point.tasks * point.roundsMs.length})`).join(', ')}: ${failed.length === engine.points.length ? 'nothing to fit or recommend' : 'those sizes are left out of the fits and the recommendation'}`]
			: [];
	});
	// Load first: sizes other programs skewed are named, and so is what rests on them.
	const skews = document.engines.flatMap((engine) => {
		const skewed = engine.points.filter((point) => point.skewed);
		if (skewed.length === 0) return [];
		const parts = skewed.map((point, index) => `${(point.otherLoadCores ?? 0).toFixed(1)}${index === 0 ? ' cores' : ''} at pool ${point.n}`);
		const loads = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}` : parts[0]!;
		// The recommendation weighs every measured size against the best; the fits, those within the cores.
		const resting = [
			...(engine.recommendation && skewed.some((point) => measuredWork(point)) ? ['the recommendation'] : []),
			...((engine.amdahl ?? engine.usl) && skewed.some((point) => !point.oversubscribed && measuredWork(point)) ? ['the fits'] : []),
		];
		const onSkewed = resting.length > 0 ? `${resting.join(' and ')} ${resting.length === 1 && resting[0] === 'the recommendation' ? 'rests' : 'rest'} on skewed times` : 'neither the fits nor the recommendation rests on them';
		return [`${engine.engine}: other programs used ${loads} while the cores were full (times marked ~): ${onSkewed}; run it again on a quieter machine`];
	});
	const baseline = document.baseline
		? [`async (the baseline: one event loop): ${seconds(document.baseline.medianMs)} for ${document.baseline.tasks} tasks, parallelism ${document.baseline.parallelism.toFixed(2)}`]
		: [];
	const fits = document.engines.flatMap((engine) => {
		const parts = [
			engine.amdahl ? `Amdahl serial fraction ${engine.amdahl.serialFraction.toFixed(3)} (rms ${engine.amdahl.rmsResidual.toFixed(3)})` : '',
			engine.usl
				? `USL contention α ${engine.usl.alpha.toFixed(3)}, coherency β ${engine.usl.beta.toFixed(4)} (rms ${engine.usl.rmsResidual.toFixed(3)})${engine.usl.peakN === null ? ', no peak' : `, peak at ${Math.round(engine.usl.peakN)} units`}`
				: '',
			engine.fitNote ?? '',
		].filter(Boolean);
		return parts.length > 0 ? [`${engine.engine} fits, on the sizes within the ${coresText(document.cores)}: ${parts.join('; ')}`] : [];
	});
	const work =
		document.work === 'fixed'
			? ['Fixed work (strong scaling, Amdahl): the same tasks at every size, so speedup shows what more units buy for one job.']
			: ['Scaled work (weak scaling, Gustafson): tasks grow with the pool, so speedup is throughput over one unit.'];
	return {recommendations: [...skews, ...failures, ...recommendations], baseline, fits, work};
}

/** Each engine's fits and recommended pool, in sentences built from the measured figures, in reading order. */
export function sweepSummary(document: Pick<SweepDocument, 'engines' | 'baseline' | 'cores' | 'config' | 'work'>): string[] {
	const {recommendations, baseline, fits, work} = sweepSummaryParts(document);
	return [...baseline, ...recommendations, ...fits, ...work];
}

