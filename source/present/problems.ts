import type {EngineName} from '../model/run-config.js';
import type {RunResult} from '../model/result-types.js';
import {skewedByOtherLoad, throttledByQuota} from '../result/evidence.js';
import {quotaText, seconds} from '../result/format.js';

export type Problems = {
	/** Engines that stopped early, with why: that is what ended their unfinished tasks. */
	readonly stopped: ReadonlyArray<{readonly engine: EngineName; readonly reason: string}>;
	/** Tasks that ended in failure, with their reason, in round, engine then task order (`round`, 1-based, with rounds). */
	readonly failed: ReadonlyArray<{readonly engine: EngineName; readonly id: number; readonly reason: string; readonly round?: number}>;
	/** Engines whose times other programs' load may have lengthened (result/evidence.ts), in words. */
	readonly skewed: ReadonlyArray<{readonly engine: EngineName; readonly text: string}>;
	/** Engines a CPU quota throttled (result/evidence.ts), in words. */
	readonly throttled: ReadonlyArray<{readonly engine: EngineName; readonly text: string}>;
	/** Rounds whose time stood out from the engine's others (result/round-stats.ts), in words. */
	readonly outliers: ReadonlyArray<{readonly engine: EngineName; readonly text: string}>;
};

/** What went wrong in a run, once, for every view of it. */
export function problemsOf(result: RunResult): Problems {
	return {
		stopped: result.engines.flatMap((engine) => (engine.error ? [{engine: engine.engine, reason: engine.error}] : [])),
		// From every round: a failure in a round that is not the reported one is not lost.
		failed: result.rounds.flatMap((round) =>
			round.engines.flatMap((engine) =>
				(engine.failed ?? []).map(({id, error}) => ({
					engine: engine.engine,
					id,
					reason: error ?? 'failed',
					...(result.rounds.length > 1 && {round: round.round + 1}),
				})),
			),
		),
		skewed: result.engines
			.filter((engine) => skewedByOtherLoad(engine, result.machine.cores))
			.map((engine) => ({
				engine: engine.engine,
				text: `other programs used ${engine.otherLoadCores!.toFixed(1)} cores during the ${engine.engine} run, while the machine's cores were full: its figures are skewed`,
			})),
		throttled: result.engines.filter((engine) => throttledByQuota(engine)).map((engine) => {
			const {quotaCores, periods, throttledPeriods, throttledMs} = engine.throttling!;
			return {
				engine: engine.engine,
				text: `the CPU quota of ${quotaText(quotaCores)} throttled the ${engine.engine} run in ${throttledPeriods} of its ${periods} periods (${seconds(throttledMs)} of waiting, summed over cores): its times include waiting for the quota`,
			};
		}),
		outliers: result.engines
			.filter((engine) => engine.spread.outlierRounds.length > 0)
			.map((engine) => {
				const rounds = engine.spread.outlierRounds.map((round) => round + 1);
				const times = rounds.map((round) => result.rounds[round - 1]?.engines.find((each) => each.engine === engine.engine)?.elapsedMs ?? 0);
				return {
					engine: engine.engine,
					text: `${engine.engine}: round ${rounds.join(' and ')} took ${times.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(' and ')}, far from its median ${(engine.spread.medianMs / 1000).toFixed(2)} s (an outlier: something else ran then?)`,
				};
			}),
	};
}
