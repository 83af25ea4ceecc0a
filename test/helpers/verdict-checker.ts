// Checks a verdict against the figures of its own document: every number it states must be one
// of them, and every claim must hold for them. A wrong clause is a failure, wherever it came from.
import {engineKinds} from '../../source/config/engine-kinds.js';
import type {RunResult} from '../../source/model/result-types.js';
import {helperThreadCores, mostAtOnce, skewedByOtherLoad, workKindOf} from '../../source/result/evidence.js';
import {megabytes, seconds} from '../../source/result/format.js';

/** Every number the document can justify, formatted as the verdict would write it. */
function justifiedNumbers(result: Omit<RunResult, 'verdict'>): Set<string> {
	const numbers = new Set<string>();
	const add = (text: string) => {
		for (const token of text.match(/\d+(?:\.\d+)?/g) ?? []) numbers.add(token);
	};

	const {engines, config, machine} = result;
	add(`${config.tasks} ${config.pool} ${machine.cores} ${engines.length} ${result.rounds.length} 3 100 1 2`);
	for (const engine of engines) {
		add(seconds(engine.elapsedMs));
		add((engine.spread.minMs / 1000).toFixed(2));
		add(seconds(engine.spread.maxMs));
		add(seconds(engine.spread.medianMs));
		add(engine.parallelism.toFixed(2));
		add(String(Math.round(engine.loopLagMaxMs)));
		add(String(Math.round(engine.startupMs)));
		add(megabytes(engine.peakRssBytes));
		add(String(Math.round(engine.elapsedMs)));
		if (engine.otherLoadCores !== null) add(engine.otherLoadCores.toFixed(1));
		add(String(mostAtOnce(engine.tasks)));
		add(helperThreadCores(engine).toFixed(2));
		for (const other of engines) if (other.elapsedMs > 0) add((engine.elapsedMs / other.elapsedMs).toFixed(2));
	}

	const kind = workKindOf(engines.filter((engine) => engine.complete), machine.cores);
	if (kind) add(String(Math.round(kind.share * 100)));
	return numbers;
}

const byName = (result: Omit<RunResult, 'verdict'>, name: string) => result.engines.find((engine) => engine.engine === name);

/** What is wrong with `verdict` for `result`, or nothing. */
export function verdictProblems(result: Omit<RunResult, 'verdict'>, verdict: string): string[] {
	const problems: string[] = [];
	const done = result.engines.filter((engine) => engine.complete);
	const cores = result.machine.cores;
	const justified = justifiedNumbers(result);
	// Numbers, not names such as V8.
	for (const token of verdict.match(/(?<![A-Za-z])\d+(?:\.\d+)?/g) ?? []) {
		if (!justified.has(token)) problems.push(`states ${token}, which is no figure of the document`);
	}

	const fastest = [...done].sort((a, b) => a.elapsedMs - b.elapsedMs)[0];
	const won = /^(\w+) won on/.exec(verdict);
	if (won) {
		if (won[1] !== fastest?.engine) problems.push(`names ${won[1]} the winner, but ${fastest?.engine} was fastest`);
		const second = [...done].sort((a, b) => a.elapsedMs - b.elapsedMs)[1];
		const rounds = Math.min(...done.map((engine) => engine.spread.rounds));
		if (fastest && second) {
			const apart = rounds >= 2 ? second.spread.minMs > fastest.spread.maxMs && second.elapsedMs / fastest.elapsedMs >= 1.1 : second.elapsedMs / fastest.elapsedMs >= 1.25;
			if (!apart) problems.push(`names a winner, but ${second.engine} was within the noise of ${fastest.engine}`);
		}
	}

	if (/^No clear winner/.test(verdict) && fastest) {
		const skewed = done.some((engine) => skewedByOtherLoad(engine, cores));
		const slowest = [...done].sort((a, b) => b.elapsedMs - a.elapsedMs)[0]!;
		const rounds = Math.min(...done.map((engine) => engine.spread.rounds));
		const close = rounds >= 2 ? done.every((engine) => engine.spread.minMs <= fastest.spread.maxMs || engine.elapsedMs / fastest.elapsedMs < 1.1) : slowest.elapsedMs / fastest.elapsedMs < 1.25;
		if (!skewed && !close) problems.push('says no clear winner, but the engines are apart and nothing skewed them');
	}

	const kind = workKindOf(done, cores);
	if (verdict.includes('CPU-bound work') && (kind === null || kind.kind !== 'cpu-bound')) problems.push(`calls the work CPU-bound, but the measured CPU share is ${kind?.share.toFixed(2)}`);
	if (verdict.includes('mostly wait') && kind !== null && kind.kind !== 'waits' && Math.max(...done.map((engine) => engine.parallelism)) >= 0.5) {
		problems.push(`says the tasks mostly wait, but the measured CPU share is ${kind.share.toFixed(2)}`);
	}

	const asyncResult = done.find((engine) => engineKinds[engine.engine].isBaseline);
	const waited = /async waited on (\d+) at once/.exec(verdict);
	if (waited && asyncResult && Number(waited[1]) !== mostAtOnce(asyncResult.tasks)) problems.push(`says async waited on ${waited[1]} at once, its records show ${mostAtOnce(asyncResult.tasks)}`);
	if (/helper threads/.test(verdict) && (!asyncResult || helperThreadCores(asyncResult) < 0.5)) problems.push("credits async's helper threads, but they did under half a core's worth");
	if (/^Too short/.test(verdict) && fastest) {
		const needed = Math.max(100, 3 * Math.max(...done.map((engine) => engine.startupMs)));
		if (fastest.elapsedMs >= needed) problems.push(`calls the run too short, but the fastest took ${Math.round(fastest.elapsedMs)} ms`);
	}

	for (const match of verdict.matchAll(/other programs used ([\d.]+) cores during the (\w+) run/g)) {
		const engine = byName(result, match[2]!);
		if (engine?.otherLoadCores?.toFixed(1) !== match[1]) problems.push(`says other programs used ${match[1]} cores during ${match[2]}`);
	}

	return problems;
}
