import type {MachineInfo, RunResult} from '../model/result-types.js';
import type {EngineName, RunConfig} from '../model/run-config.js';
import {engineKinds} from '../config/engine-kinds.js';
import type {SweepWork} from '../config/sweep-work.js';
import {coresText, seconds, times} from './format.js';
import {skewedByOtherLoad} from './evidence.js';
import {fewestPoints, fitAmdahl, fitUsl, type AmdahlFit, type ScalingPoint, type UslFit} from './scaling-fit.js';

/** One pool size of one engine, as measured (the median round, with its range). */
export type SweepPoint = {
	readonly n: number;
	readonly tasks: number;
	readonly medianMs: number;
	readonly minMs: number;
	readonly maxMs: number;
	/** Relative capacity over one unit: T(1)/T(n), times n when the work grew with n. */
	readonly speedup: number;
	/** speedup / n. */
	readonly efficiency: number;
	readonly parallelism: number;
	readonly peakRssBytes: number;
	readonly startupMs: number;
	readonly complete: boolean;
	/** Tasks that ended in failure, over every round at this size: a point with any is not measured work (failed tasks end early). */
	readonly failedTasks: number;
	/** More units than the cores the run may use. */
	readonly oversubscribed: boolean;
	/** Cores' worth of CPU other programs used while this size ran (its median round), or null where unknown. */
	readonly otherLoadCores?: number | null;
	/** Other programs held cores of a full machine while this size ran: its time may be theirs (evidence.ts). */
	readonly skewed?: boolean;
	readonly roundsMs: readonly number[];
};

export type SweepEngine = {
	readonly engine: EngineName;
	readonly points: readonly SweepPoint[];
	readonly amdahl: AmdahlFit | null;
	readonly usl: UslFit | null;
	/** Why a fit is missing, when it is. */
	readonly fitNote: string | null;
	readonly recommendation: {readonly pool: number; readonly sentence: string} | null;
};

/** The smallest pool within this share of the best measured speedup is recommended (or the rounds' spread, if wider). */
const recommendationTolerance = 0.05;

/**
 * The sizes swept by default: 1, 2, 3, 4, 6, 8, then doubling, with the cores themselves and
 * twice them, up to 2 × cores: 4 sizes on 2 cores, 12 on 256 (not 512).
 */
export function defaultPoolSizes(cores: number): number[] {
	const sizes = new Set([1, 2, 3, 4, 6, 8, cores, 2 * cores]);
	for (let size = 16; size <= 2 * cores; size *= 2) sizes.add(size);
	return [...sizes].filter((size) => size <= 2 * cores).sort((a, b) => a - b);
}

/** Builds one engine's points from the runs at each size, fits the laws and recommends a pool. */
export function analyseSweep(engine: EngineName, runs: ReadonlyArray<{readonly n: number; readonly result: RunResult}>, work: SweepWork, cores: number): SweepEngine {
	const measured = runs.flatMap(({n, result}) => {
		const found = result.engines.find((each) => each.engine === engine);
		return found ? [{n, tasks: result.config.tasks, found, rounds: result.rounds}] : [];
	});
	// Relative to the smallest size measured (one unit, unless --pools leaves it out).
	const base = measured.reduce<(typeof measured)[number] | undefined>((smallest, point) => (smallest === undefined || point.n < smallest.n ? point : smallest), undefined);
	const points = measured.map(({n, tasks, found, rounds}): SweepPoint => {
		const speedup = base ? speedupOf(found.spread.medianMs, base.found.spread.medianMs, n, base.n, work) : 0;
		return {
			n,
			tasks,
			medianMs: found.spread.medianMs,
			minMs: found.spread.minMs,
			maxMs: found.spread.maxMs,
			speedup,
			efficiency: speedup / n,
			parallelism: found.parallelism,
			peakRssBytes: found.peakRssBytes,
			startupMs: found.startupMs,
			complete: found.complete,
			failedTasks: rounds.reduce((total, round) => total + (round.engines.find((each) => each.engine === engine)?.failed.length ?? 0), 0),
			oversubscribed: n > cores,
			otherLoadCores: found.otherLoadCores,
			skewed: skewedByOtherLoad(found, cores),
			roundsMs: rounds.flatMap((round) => round.engines.filter((each) => each.engine === engine).map((each) => each.elapsedMs)),
		};
	});
	// The laws describe scaling while there are cores to scale on: oversubscribed sizes measure time-slicing.
	const inside: ScalingPoint[] = points.filter((point) => !point.oversubscribed && measuredWork(point)).map((point) => ({n: point.n, capacity: point.speedup}));
	const usl = fitUsl(inside);
	const amdahl = fitAmdahl(inside);
	const fitNote =
		usl === null
			? `too few points inside the ${coresText(cores)} for the USL (${inside.length} of the ${fewestPoints.usl} it needs)${amdahl === null ? ' or Amdahl' : ''}`
			: null;
	return {engine, points, amdahl, usl, fitNote, recommendation: recommend(engine, points, cores)};
}

/** A point that ran all its work: complete, and no task failed (a failed task ends early, or its unit died). */
export function measuredWork(point: SweepPoint): boolean {
	return point.complete && point.failedTasks === 0;
}

/** Strong scaling: nBase·T(base)/T(n); scaled work (the same per unit): n·T(base)/T(n). */
function speedupOf(ms: number, baseMs: number, n: number, baseN: number, work: SweepWork): number {
	if (ms <= 0 || baseMs <= 0) return 0;
	return ((work === 'scaled' ? n : baseN) * baseMs) / ms;
}

/**
 * The smallest pool within max(5%, the rounds' spread at the best size) of the best measured
 * speedup, with one sentence built from the measured figures only.
 */
function recommend(engine: EngineName, points: readonly SweepPoint[], cores: number): SweepEngine['recommendation'] {
	const done = points.filter((point) => measuredWork(point) && point.speedup > 0);
	if (done.length === 0) return null;
	const best = done.reduce((top, point) => (point.speedup > top.speedup ? point : top));
	const spread = best.medianMs > 0 ? (best.maxMs - best.minMs) / best.medianMs : 0;
	const tolerance = Math.max(recommendationTolerance, spread);
	const pick = done.find((point) => point.speedup >= best.speedup * (1 - tolerance))!;
	const units = (count: number) => engineKinds[engine].unitsText(count);
	const share = Math.round((pick.speedup / best.speedup) * 100);
	let sentence = pick === best ? `the best measured speedup, ${times(pick.speedup)}` : `${times(pick.speedup)}, ${share}% of the best (${times(best.speedup)} with ${best.n}; within the rounds' spread or 5%)`;
	const beyond = done.filter((point) => point.n > cores);
	const atCores = done.findLast((point) => point.n <= cores);
	if (beyond.length > 0 && atCores) {
		const largest = beyond.at(-1)!;
		const delta = largest.medianMs - atCores.medianMs;
		sentence +=
			largest.speedup <= atCores.speedup * (1 + recommendationTolerance)
				? `; beyond ${atCores.n} the ${coresText(cores)} are full: ${units(largest.n)} on ${coresText(cores)} took ${seconds(Math.abs(delta))} ${delta >= 0 ? 'longer' : 'less'} than ${atCores.n}`
				: `; more units than the ${coresText(cores)} still helped: ${units(largest.n)} took ${seconds(Math.abs(delta))} less than ${atCores.n}${largest.parallelism < 0.5 * cores ? ` (∥ ${largest.parallelism.toFixed(2)} at ${largest.n}: the tasks mostly wait, and waiting needs no core)` : ''}`;
	}

	return {pool: pick.n, sentence};
}

/** A sweep, as `--json` prints it and every view reads it. */
export type SweepDocument = {
	readonly kind: 'concur-tui sweep';
	readonly schema: 1;
	readonly machine: MachineInfo;
	/** The settings every size ran with (pool and tasks vary per point). */
	readonly config: RunConfig;
	readonly work: SweepWork;
	readonly sizes: readonly number[];
	/** The cores the sweep could use (pinned or the machine's). */
	readonly cores: number;
	/** Async once, as the baseline, on the work of the first size. */
	readonly baseline: {readonly engine: 'async'; readonly tasks: number; readonly medianMs: number; readonly parallelism: number} | null;
	readonly engines: readonly SweepEngine[];
	readonly complete: boolean;
};

