import type {EngineResult, RoundFigures, Spread} from '../model/result-types.js';

/**
 * concur-tui's own outlier rule, from hyperfine's (after Iglewicz and Hoaglin: a modified z-score
 * above this), with two changes: the MAD is at least 1% of the median, and an outlier is at least
 * 5% from it. Where the MAD is 0, hyperfine flags nothing; this rule still scores the round.
 */
const outlierScore = 3.5;
/**
 * … and at least this far from the median: with 3 rounds 1 ms apart the score flags a round
 * 12 ms off (3%), which is no outlier worth a word.
 */
const outlierShare = 0.05;

export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Indices of the values whose modified z-score (0.6745 × |x − median| ÷ MAD) is above 3.5, 5% or more from the median. */
export function outliers(values: readonly number[]): number[] {
	if (values.length < 3) return [];
	const middle = median(values);
	// With 3 rounds two alike give a MAD of 0 and the third, however far, a score of nothing:
	// the MAD is taken as at least 1% of the median, so such a round is scored as any other.
	const mad = Math.max(median(values.map((value) => Math.abs(value - middle))), 0.01 * Math.abs(middle));
	if (mad === 0) return [];
	return values.flatMap((value, index) => {
		const distance = Math.abs(value - middle);
		return (0.6745 * distance) / mad > outlierScore && distance >= outlierShare * middle ? [index] : [];
	});
}

/** One engine's result in one round, before the rounds are summarised. */
export type RoundResult = Omit<EngineResult, 'spread'>;

/**
 * An engine's rounds summarised: the round to report (its median round, among those that
 * completed; the last one when none did) and the spread of its elapsed times.
 */
export function summariseRounds(results: readonly RoundResult[]): {reported: RoundResult; spread: Spread} {
	const complete = results.filter((result) => result.complete);
	const counted = complete.length > 0 ? complete : results.slice(-1);
	const byTime = [...counted].sort((a, b) => a.elapsedMs - b.elapsedMs);
	const reported = byTime[Math.floor((byTime.length - 1) / 2)]!;
	const times = counted.map((result) => result.elapsedMs);
	const flagged = new Set(outliers(times).map((index) => counted[index]));
	return {
		reported,
		spread: {
			rounds: complete.length,
			medianMs: median(times),
			minMs: Math.min(...times),
			maxMs: Math.max(...times),
			outlierRounds: results.flatMap((result, round) => (flagged.has(result) ? [round] : [])),
		},
	};
}

export function roundFigures(result: RoundResult): RoundFigures {
	const {engine, elapsedMs, cpuMs, parallelism, coresUsed, otherLoadCores, complete} = result;
	// Tasks that ended in failure; those that never ended make the round incomplete.
	const failed = result.tasks.filter((task) => task.endMs !== null && !task.ok).map(({id, error}) => ({id, error}));
	return {engine, elapsedMs, cpuMs, parallelism, coresUsed, otherLoadCores, complete, failed};
}
