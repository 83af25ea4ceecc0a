import {baselineOf} from '../config/engine-kinds.js';
import type {EngineName} from '../model/run-config.js';
import type {EngineResult, RunResult} from '../model/result-types.js';
import {median} from '../result/round-stats.js';
import {skewedByOtherLoad} from '../result/evidence.js';
import {megabytes, milliseconds, seconds, times} from '../result/format.js';

/** One engine's measured figures as the tables show them; the dashboard and the report paint the same. */
export type EngineFigures = {
	readonly engine: EngineName;
	readonly complete: boolean;
	/** Other programs' load may have lengthened its times (result/evidence.ts). */
	readonly skewed: boolean;
	readonly elapsed: string;
	/** Over the rounds: "±2%" (half the range, of the median), or '' with one round. */
	readonly elapsedSpread: string;
	/** Over the rounds: "1.28-1.35 s", or '' with one round. */
	readonly elapsedRange: string;
	/** Against the baseline engine (async), when it completed; '–' otherwise. */
	readonly speedup: string;
	/** Over the rounds: the lowest and highest speedup of one round against async's same round, or ''. */
	readonly speedupRange: string;
	readonly parallelism: string;
	readonly coresUsed: string;
	readonly cpuTime: string;
	readonly peakMemory: string;
	readonly startup: string;
	readonly loopLagMax: string;
};

/** Per round, this engine's speedup against the baseline engine's time in the same round. */
function speedupsByRound(result: RunResult, engine: EngineName): number[] {
	const baseline = baselineOf(result.engines)?.engine;
	if (baseline === undefined) return [];
	return result.rounds.flatMap((round) => {
		const base = round.engines.find((each) => each.engine === baseline);
		const own = round.engines.find((each) => each.engine === engine);
		return base?.complete && own?.complete && own.elapsedMs > 0 ? [base.elapsedMs / own.elapsedMs] : [];
	});
}

/**
 * Start-up: the pool's, before the measured window; or, for a thread spawned per task (no pool),
 * the median time from a task's start to its own code running, per task.
 */
function startupOf(engine: EngineResult): string {
	const spawnCosts = engine.tasks.flatMap((task) => (task.startMs !== null && task.runStartMs !== null && task.runStartMs > task.startMs ? [task.runStartMs - task.startMs] : []));
	if (engine.startupMs === 0 && spawnCosts.length > 0) return `${milliseconds(median(spawnCosts))}/task`;
	return milliseconds(engine.startupMs);
}

export function engineFigures(result: RunResult): EngineFigures[] {
	const baselineMs = baselineOf(result.engines)?.elapsedMs;
	return result.engines.map((engine) => ({
		engine: engine.engine,
		complete: engine.complete,
		skewed: skewedByOtherLoad(engine, result.machine.cores),
		elapsed: seconds(engine.elapsedMs),
		elapsedSpread: engine.spread.rounds > 1 ? `±${Math.round((50 * (engine.spread.maxMs - engine.spread.minMs)) / engine.spread.medianMs)}%` : '',
		elapsedRange: engine.spread.rounds > 1 ? `${(engine.spread.minMs / 1000).toFixed(2)}-${seconds(engine.spread.maxMs)}` : '',
		speedup: baselineMs && engine.elapsedMs > 0 ? times(baselineMs / engine.elapsedMs) : '–',
		speedupRange: (() => {
			const speedups = speedupsByRound(result, engine.engine);
			return speedups.length > 1 ? `${Math.min(...speedups).toFixed(2)}-${times(Math.max(...speedups))}` : '';
		})(),
		parallelism: engine.parallelism.toFixed(2),
		coresUsed: engine.coresUsed === null ? '–' : engine.coresUsed.toFixed(1),
		cpuTime: seconds(engine.cpuMs),
		// No process has 0 bytes: an engine stopped before its host reported its peak has none known.
		peakMemory: engine.peakRssBytes > 0 ? megabytes(engine.peakRssBytes) : '–',
		startup: startupOf(engine),
		loopLagMax: milliseconds(engine.loopLagMaxMs),
	}));
}
