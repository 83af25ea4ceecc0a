import {usableCores} from '../model/run-config.js';
import {engineKinds, helperThreadsFloorCores} from '../config/engine-kinds.js';
import {coresText, megabytes, quotaText, seconds, times} from './format.js';
import type {EngineResult, RunResult} from '../model/result-types.js';
import {helperThreadCores, loadSlowdownBound, mostAtOnce, skewedByOtherLoad, throttledByQuota, tooShortToCompare, workKindOf, type TooShort} from './evidence.js';
import type {RunConfig} from '../model/run-config.js';

/** Below this, a speedup in one round is noise, not a win. */
const clearWin = 1.25;
/** With rounds, a win needs ranges apart and at least this ratio (2% apart in every round is no lesson). */
const clearWinOverRounds = 1.1;

function unitsOf(engine: EngineResult): string {
	// Async's one JS thread is not all it used when its helper threads (libuv's pool) did real work.
	const helpers = helperThreadCores(engine);
	if (engineKinds[engine.engine].isBaseline && helpers >= helperThreadsFloorCores) return `one JS thread and its helper threads (${helpers.toFixed(2)} cores' worth of CPU off the JS thread)`;
	return engineKinds[engine.engine].unitsText(engine.lanes.length);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "other programs used 1.0 cores during the async run and 0.9 during threads while …" */
function loadClause(skewed: readonly EngineResult[], cores: number): string {
	const parts = skewed.map((engine, index) => `${engine.otherLoadCores!.toFixed(1)}${index === 0 ? ' cores' : ''} during ${index === 0 ? 'the ' : ''}${engine.engine}${index === 0 ? ' run' : ''}`);
	const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}` : parts[0]!;
	return `other programs used ${list}, while the machine's ${coresText(cores)} ${cores === 1 ? 'was' : 'were'} full, so those times include waiting for cores they held`;
}

/** " The CPU quota of 1.0 core throttled threads in 22 of 23 periods and processes in 21 of 22 (…)": engines it held back, or ''. */
function throttleNote(engines: readonly EngineResult[]): string {
	const held = engines.filter((engine) => throttledByQuota(engine));
	if (held.length === 0) return '';
	const parts = held.map((engine, index) => `${engine.engine} in ${engine.throttling!.throttledPeriods} of ${engine.throttling!.periods}${index === 0 ? ' periods' : ''}`);
	const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}` : parts[0]!;
	const waits = held.map((engine) => seconds(engine.throttling!.throttledMs));
	const waitList = waits.length > 1 ? `${waits.slice(0, -1).join(', ')} and ${waits.at(-1)!}` : waits[0]!;
	return ` The CPU quota of ${quotaText(held[0]!.throttling!.quotaCores)} throttled ${list} (${waitList} of waiting, summed over cores), so ${held.length === 1 ? 'its times include' : 'their times include'} waiting for the quota.`;
}

/** What to do about a run too short to compare: what lengthens a task depends on who decides its length. */
function tooShortSentence(work: string, short: TooShort, config: RunConfig): string {
	const apart = Math.round(short.slowestMs - short.fastestMs);
	const noise = short.fromRounds ? `the spread of the rounds (${Math.round(short.disturbanceMs)} ms)` : `what timers and scheduling can move a time by (${Math.round(short.disturbanceMs)} ms)`;
	const advice = config.workload === 'module' ? 'Give each task more to do (your module decides how long a task takes).' : `Make each task longer (--task-ms; ${Math.round(config.taskMs)} ms now).`;
	return `Too short to compare on ${work}: the engines took ${Math.round(short.fastestMs)} to ${Math.round(short.slowestMs)} ms, ${apart} ms apart, within ${noise}. ${advice}`;
}

/**
 * A plain-language sentence drawn only from the measured figures (see evidence.ts): every clause
 * rests on a figure in the same document, and when the figures do not decide, it says so.
 */
export function verdictOf(result: Omit<RunResult, 'verdict'>): string {
	// A failed task ends early: an engine whose tasks failed (in any round) ran other work than the
	// rest, so its time is not compared, and the sentence says why.
	const failedCount = (engine: EngineResult) =>
		Math.max(
			engine.tasks.filter((task) => task.endMs !== null && !task.ok).length,
			// Documents saved before rounds kept their failures have none to read.
			...result.rounds.map((round) => (round.engines.find((each) => each.engine === engine.engine)?.failed ?? []).length),
		);
	const done = result.engines.filter((engine) => engine.complete && failedCount(engine) === 0);
	const incomplete = result.engines.filter((engine) => !engine.complete);
	const withFailures = result.engines.filter((engine) => engine.complete && failedCount(engine) > 0);
	const notes = [
		...(incomplete.length > 0 ? [`${incomplete.map((e) => e.engine).join(', ')} did not complete`] : []),
		...withFailures.map((engine) => `${engine.engine}: ${failedCount(engine)} of ${engine.tasks.length} tasks failed`),
	];
	const failedNote = notes.length > 0 ? ` (${notes.join('; ')}${withFailures.length > 0 ? ': not compared' : ''}.)` : '';
	if (done.length === 0) {
		return incomplete.length === result.engines.length
			? `No engine completed, so there is nothing to compare.${failedNote}`
			: `No engine ran every task without a failure, so there is nothing to compare.${failedNote}`;
	}

	// Waiting for a core is said only where the tasks measured CPU-bound and more ran at once than
	// the cores (in one pool, or in pools racing each other), never from the flags alone.
	const usable = usableCores(result.config, result.machine.cores);
	const measuredKind = workKindOf(done, usable);
	const cpuBound = measuredKind !== null && measuredKind.kind !== 'waits';
	const overfull = done.filter((engine) => !engineKinds[engine.engine].isBaseline && (mostAtOnce(engine.tasks) > usable || (engine.contended && result.config.mode === 'race')));
	const contendedNote =
		cpuBound && overfull.length > 0
			? ` ${capitalise(overfull.map((engine) => `${engine.engine} ran up to ${mostAtOnce(engine.tasks)} tasks at once`).join(' and '))}${result.config.mode === 'race' && overfull.length > 1 ? ', racing each other,' : ''} on ${coresText(usable)}${result.config.cpus ? ' the run was pinned to' : ''}, and the tasks were ${measuredKind.kind === 'cpu-bound' ? 'CPU-bound' : 'partly CPU-bound'} (${Math.round(measuredKind.share * 100)}% of their running time on the CPU), so times include waiting for a core.`
			: '';
	// A CPU quota that held engines back is named wherever their times are (as other load is).
	const quotaNote = throttleNote(done);
	const fastest = done.reduce((best, engine) => (engine.elapsedMs < best.elapsedMs ? engine : best));
	const asyncResult = done.find((engine) => engineKinds[engine.engine].isBaseline);
	const {workload, tasks} = result.config;
	const work = `${tasks} ${workload === 'module' ? 'custom' : workload} ${tasks === 1 ? 'task' : 'tasks'}`;

	const cores = result.machine.cores;
	const skewed = done.filter((engine) => skewedByOtherLoad(engine, cores));
	if (done.length === 1) {
		const loadNote = skewed.length > 0 ? ` ${capitalise(loadClause(skewed, cores))}.` : '';
		return `${fastest.engine} ran ${work} in ${seconds(fastest.elapsedMs)} with a parallelism of ${fastest.parallelism.toFixed(2)}.${loadNote}${contendedNote}${quotaNote}${failedNote}`;
	}

	const slowest = done.reduce((worst, engine) => (engine.elapsedMs > worst.elapsedMs ? engine : worst));
	const ratio = slowest.elapsedMs / fastest.elapsedMs;
	const rounds = Math.min(...done.map((engine) => engine.spread.rounds));
	const range = (engine: EngineResult) =>
		rounds >= 2 && seconds(engine.spread.minMs) !== seconds(engine.spread.maxMs)
			? `${engine.engine} ${(engine.spread.minMs / 1000).toFixed(2)}-${seconds(engine.spread.maxMs)}`
			: `${engine.engine} ${seconds(rounds >= 2 ? engine.spread.medianMs : engine.elapsedMs)}`;
	const elapsedList = done.map((engine) => range(engine)).join(', ');

	// Load first: a skewed run says so before any other rule. A winner so far ahead that the load
	// cannot explain it (every other engine, sped up by the most the load could have slowed it, is
	// still clearly slower) is still named, with the load stated.
	const farAhead = done.every((engine) => engine === fastest || engine.elapsedMs / loadSlowdownBound(engine, cores) >= clearWin * fastest.elapsedMs);
	if (skewed.length > 0 && !farAhead) {
		return `No clear winner on ${work}: ${loadClause(skewed, cores)} (${elapsedList}). Run it again on a quieter machine.${contendedNote}${quotaNote}${failedNote}`;
	}

	const loadNote =
		skewed.length > 0
			? ` ${capitalise(loadClause(skewed, cores))}; even sped up by the most that load could take (${skewed.map((engine) => `${engine.engine} ${times(loadSlowdownBound(engine, cores))}`).join(', ')}), the others stay behind.`
			: '';

	const short = tooShortToCompare(done);
	if (short) return `${tooShortSentence(work, short, result.config)}${quotaNote}${failedNote}`;

	// Who shares first place: with rounds, any engine whose range of times reaches the fastest's
	// (or within 1.1×); with one round, any within 1.25× of it.
	const tiedWithFastest = (engine: EngineResult) =>
		rounds >= 2
			? engine.spread.minMs <= fastest.spread.maxMs || engine.elapsedMs / fastest.elapsedMs < clearWinOverRounds
			: engine.elapsedMs / fastest.elapsedMs < clearWin;
	const leaders = done.filter((engine) => tiedWithFastest(engine)).sort((a, b) => a.elapsedMs - b.elapsedMs);
	// The reported round of each engine is its median round (the lower middle one of an even count).
	const medianList = done.map((engine) => `${engine.engine} ${seconds(engine.elapsedMs)}`).join(', ');
	const roundsNote = rounds >= 2 ? `${rounds % 2 === 1 ? 'medians' : 'median rounds'} of ${rounds} rounds: ${medianList}` : '';

	if (leaders.length === done.length) {
		const memory = done.map((e) => `${e.engine} ${megabytes(e.peakRssBytes)} with ${unitsOf(e)}`).join(', ');
		const parallelisms = done.map((e) => e.parallelism);
		const least = Math.min(...parallelisms);
		const most = Math.max(...parallelisms);
		let why: string;
		// "Waiting needs no threads" is shown only by async, one thread that waited as fast as the pools.
		if (most < 0.5) why = asyncResult ? 'these tasks mostly wait, and waiting needs neither threads nor cores' : `these tasks mostly wait (parallelism ${least.toFixed(2)} to ${most.toFixed(2)})`;
		else if (least >= 0.8 * usable) why = `every model kept ${usable === 1 ? 'the' : `all ${usable}`} ${result.config.cpus ? 'pinned ' : ''}${usable === 1 ? 'core' : 'cores'} busy (parallelism ${least.toFixed(2)} to ${most.toFixed(2)})`;
		else why = `their parallelism stayed close (${least.toFixed(2)} to ${most.toFixed(2)} cores' worth of CPU)`;
		// Ranges are said to overlap only where each reaches the fastest's; else the medians are close.
		const shown = (ms: number) => Number.parseFloat(seconds(ms));
		const overlap = done.every((engine) => shown(engine.spread.minMs) <= shown(fastest.spread.maxMs));
		const close =
			rounds >= 2
				? overlap
					? `their times overlap across ${rounds} rounds (${elapsedList})`
					: `their ${roundsNote.startsWith('medians') ? 'medians' : 'median rounds'} were within ${times(ratio)} of each other (${roundsNote}; ranges ${elapsedList})`
				: `all finished within ${times(ratio)} of each other (${seconds(fastest.elapsedMs)} to ${seconds(slowest.elapsedMs)})`;
		return `No clear winner on ${work}: ${close}, because ${why}. The cost differed: ${memory}.${loadNote}${contendedNote}${quotaNote}${failedNote}`;
	}

	// A tie for first speaks of the leaders together: "they kept 1.95-1.97 cores busy".
	const spanOf = (values: readonly number[], format: (value: number) => string) => {
		const low = Math.min(...values);
		const high = Math.max(...values);
		return format(low) === format(high) ? format(low) : `${format(low)}-${format(high)}`;
	};
	// Set against async, the leaders are the others: async tied for first is not compared with itself.
	const rivals = leaders.filter((engine) => engine !== asyncResult);
	const who = rivals.length === 1 ? rivals[0]!.engine : 'they';
	const kept = spanOf(
		rivals.map((engine) => engine.parallelism),
		(value) => value.toFixed(2),
	);
	const speedupNote =
		asyncResult && !leaders.includes(asyncResult)
			? `, ${spanOf(
					leaders.map((engine) => asyncResult.elapsedMs / engine.elapsedMs),
					(value) => value.toFixed(2),
				)}× faster than async`
			: '';
	// The share against the cores the run could use (pinned ones where pinned), as the lesson reads it.
	const measured = workKindOf(done, usableCores(result.config, cores));
	const share = measured ? `${Math.round(measured.share * 100)}% of their running time on the CPU` : '';
	const pools = done.filter((engine) => !engineKinds[engine.engine].isBaseline);
	const poolAtOnce = Math.max(0, ...pools.map((engine) => mostAtOnce(engine.tasks)));
	const poolParallelism = pools.map((engine) => `${engine.engine} ${engine.parallelism.toFixed(2)}`).join(', ');
	let why: string;
	if (fastest === asyncResult) {
		const asyncAtOnce = mostAtOnce(asyncResult.tasks);
		if (helperThreadCores(asyncResult) >= helperThreadsFloorCores) {
			why = `besides its one JS thread, its helper threads (libuv's pool, V8's) did ${helperThreadCores(asyncResult).toFixed(2)} cores' worth of CPU (parallelism ${asyncResult.parallelism.toFixed(2)})${poolAtOnce > 0 ? `, while the pools ran at most ${poolAtOnce === 1 ? '1 task' : `${poolAtOnce} tasks`} at a time` : ''}`;
		} else if (measured?.kind === 'waits' && asyncAtOnce > poolAtOnce && poolAtOnce > 0) {
			why = `the tasks mostly wait (${share}), and async waited on ${asyncAtOnce} at once on one thread, while the pools ran at most ${poolAtOnce} at a time`;
		} else if (measured?.kind === 'mixed' && asyncAtOnce > poolAtOnce && poolAtOnce > 0) {
			why = `the tasks wait for part of their time (${share}), and async overlapped ${asyncAtOnce} of them on one thread, while the pools ran at most ${poolAtOnce} at a time`;
		} else {
			// Nothing measured explains it: give the figures, claim no cause.
			why = `its one thread's parallelism was ${asyncResult.parallelism.toFixed(2)}, the pools' ${poolParallelism}`;
		}
	} else if (asyncResult && helperThreadCores(asyncResult) >= helperThreadsFloorCores) {
		why = `async's helper threads (libuv's pool, V8's) did ${helperThreadCores(asyncResult).toFixed(2)} cores' worth of CPU besides its JS thread (async can use threads internally), but ${who} kept ${kept} busy`;
	} else if (asyncResult && measured?.kind === 'cpu-bound') {
		why = `CPU-bound work needs cores: the tasks spent ${share}; async ran them on one JS thread (parallelism ${asyncResult.parallelism.toFixed(2)}, event loop blocked up to ${Math.round(asyncResult.loopLagMaxMs)} ms), while ${who} kept ${kept} cores busy`;
	} else if (asyncResult) {
		why = `${who} reached a parallelism of ${kept} against async's ${asyncResult.parallelism.toFixed(2)}${share ? ` (the tasks spent ${share})` : ''}`;
	} else {
		why = `it kept ${fastest.parallelism.toFixed(2)} cores busy against ${slowest.parallelism.toFixed(2)} for ${slowest.engine}`;
	}

	const winner =
		leaders.length === 1
			? `${fastest.engine} won on ${work} in ${seconds(fastest.elapsedMs)}${roundsNote ? ` (${roundsNote})` : ''}`
			: `${leaders.map((engine) => engine.engine).join(' and ')} tied for first on ${work} (${leaders.map((engine) => seconds(engine.elapsedMs)).join(' and ')}, within ${times(leaders.at(-1)!.elapsedMs / fastest.elapsedMs)}${roundsNote ? `; ${roundsNote}` : ''})`;
	return `${winner}${speedupNote}: ${why}.${loadNote}${contendedNote}${quotaNote}${failedNote}`;
}
