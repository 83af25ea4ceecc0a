import {engineKinds} from '../config/engine-kinds.js';
import {megabytes, seconds, times} from './format.js';
import type {EngineResult, RunResult} from '../model/result-types.js';


/** Below this, a speedup is noise, not a win. */
const clearWin = 1.25;

function unitsOf(engine: EngineResult): string {
	return engineKinds[engine.engine].unitsText(engine.lanes.length);
}

/** A plain-language sentence drawn only from the measured figures. */
export function verdictOf(result: Omit<RunResult, 'verdict'>): string {
	const done = result.engines.filter((engine) => engine.complete);
	const failed = result.engines.filter((engine) => !engine.complete);
	const failedNote = failed.length > 0 ? ` (${failed.map((e) => e.engine).join(', ')} did not complete.)` : '';
	if (done.length === 0) return `No engine completed, so there is nothing to compare.${failedNote}`;

	const contendedNote = done.some((engine) => engine.contended)
		? ` More CPU-bound threads ran at once than the ${result.machine.cores} cores, so times include waiting for a core.`
		: '';
	const fastest = done.reduce((best, engine) => (engine.elapsedMs < best.elapsedMs ? engine : best));
	const asyncResult = done.find((engine) => engineKinds[engine.engine].isBaseline);
	const {workload, tasks} = result.config;
	const work = `${tasks} ${workload === 'module' ? 'custom' : workload} tasks`;

	if (done.length === 1) {
		return `${fastest.engine} ran ${work} in ${seconds(fastest.elapsedMs)} with a parallelism of ${fastest.parallelism.toFixed(2)}.${contendedNote}${failedNote}`;
	}

	const slowest = done.reduce((worst, engine) => (engine.elapsedMs > worst.elapsedMs ? engine : worst));
	const spread = slowest.elapsedMs / fastest.elapsedMs;

	if (spread < clearWin) {
		const memory = done.map((e) => `${e.engine} ${megabytes(e.peakRssBytes)} with ${unitsOf(e)}`).join(', ');
		const parallelisms = done.map((e) => e.parallelism);
		const least = Math.min(...parallelisms);
		const most = Math.max(...parallelisms);
		let why: string;
		if (most < 0.5) why = 'these tasks mostly wait, and waiting needs neither threads nor cores';
		else if (least >= 0.8 * result.machine.cores) why = `every model kept all ${result.machine.cores} cores busy (parallelism ${least.toFixed(2)} to ${most.toFixed(2)})`;
		else why = `their parallelism stayed close (${least.toFixed(2)} to ${most.toFixed(2)} cores' worth of CPU)`;
		return `No clear winner on ${work}: all finished within ${times(spread)} of each other (${seconds(fastest.elapsedMs)} to ${seconds(slowest.elapsedMs)}), because ${why}. The cost differed: ${memory}.${contendedNote}${failedNote}`;
	}

	const speedupNote = asyncResult && fastest !== asyncResult ? `, ${times(asyncResult.elapsedMs / fastest.elapsedMs)} faster than async` : '';
	let why: string;
	if (fastest === asyncResult) {
		why = `async waited on all ${tasks} at once on one thread, while the pools could only run ${result.config.pool} at a time`;
	} else if (asyncResult && asyncResult.parallelism > 1.2) {
		why = `async used ${asyncResult.parallelism.toFixed(2)} cores' worth of CPU through libuv's thread pool (async can use threads internally), but ${fastest.engine} kept ${fastest.parallelism.toFixed(2)} busy`;
	} else if (asyncResult) {
		why = `CPU-bound work needs cores: async ran every task on one JS thread (parallelism ${asyncResult.parallelism.toFixed(2)}, event loop blocked up to ${Math.round(asyncResult.loopLagMaxMs)} ms), while ${fastest.engine} kept ${fastest.parallelism.toFixed(2)} cores busy`;
	} else {
		why = `it kept ${fastest.parallelism.toFixed(2)} cores busy against ${slowest.parallelism.toFixed(2)} for ${slowest.engine}`;
	}

	return `${fastest.engine} won on ${work} in ${seconds(fastest.elapsedMs)}${speedupNote}: ${why}.${contendedNote}${failedNote}`;
}
