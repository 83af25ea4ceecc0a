// The verdict, as a pure function of the result document, checked clause by clause by an oracle
// that shares no code with it (test/helpers/verdict-oracle.ts reads the JSON and states each rule
// itself): over documents recorded from real runs on this machine (scripts/record-verdict-fixtures.mjs:
// every workload and a task module × pool 1, cores and 2 × cores × 1 and 3 rounds, plus the runs the
// lesson issue quoted wrong sentences from), over mutants of every accepted verdict, and over a few
// live runs so the fixtures stay honest.
import {readdirSync, readFileSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import {verdictOf} from '../source/result/verdict.js';
import {runJson} from './helpers/run-cli.js';
import {differencesOracle, sweepOracle, verdictOracle, type OracleDifference, type OracleDocument, type OracleSweep} from './helpers/verdict-oracle.js';
import type {SweepDocument} from '../source/result/sweep-analysis.js';
import {sweepSummary} from '../source/present/sweep-text.js';
import {differenceRows} from '../source/result/lesson.js';
import {expectUnlessSkewed} from './helpers/busy-machine.js';

const folder = fileURLToPath(new URL('fixtures/verdicts/', import.meta.url));
const recorded = readdirSync(folder)
	.filter((name) => name.endsWith('.json'))
	.map((name) => [name.replace('.json', ''), JSON.parse(readFileSync(`${folder}${name}`, 'utf8')) as RunResult] as const);
const fixture = (name: string) => recorded.find(([each]) => each === name)![1];
/** The document as the oracle reads it: plain JSON, none of concur-tui's types. */
const asJson = (result: RunResult) => JSON.parse(JSON.stringify(result)) as OracleDocument;
const secondsText = (ms: number) => (ms / 1000).toFixed(2);

describe('the verdict matrix (recorded runs)', () => {
	it('covers every workload and a task module at pool 1, cores and 2 × cores with 1 and 3 rounds, the issue\'s 7 runs and one under a CPU quota', () => {
		expect(recorded).toHaveLength(38);
	});

	it.each(recorded)('%s: every number is a figure of the document, every claim holds for it', (_name, result) => {
		expect(verdictOracle(asJson(result), verdictOf(result))).toEqual([]);
	});

	it.each(recorded)('%s: the note\'s table is quoted as the note writes it, and each word (parallel, time-slicing, concurrent) is earned by the figures', (_name, result) => {
		expect(differencesOracle(asJson(result), JSON.parse(JSON.stringify(differenceRows(result))) as OracleDifference[])).toEqual([]);
	});

	it('rejects the note\'s words where the figures do not earn them', () => {
		const [row] = differenceRows(fixture('cpu-pool2-runs1')).filter((each) => each.engine === 'threads');
		expect(differencesOracle(asJson(fixture('cpu-pool2-runs1')), [...differenceRows(fixture('cpu-pool2-runs1')).filter((each) => each.engine !== 'threads'), {...row!, showed: 'concurrent, not parallel: 2 at once took turns (time-slicing), ∥ 1.98'}])).not.toEqual([]);
		expect(differencesOracle(asJson(fixture('sleep-pool2-runs1')), differenceRows(fixture('sleep-pool2-runs1')).map((each) => ({...each, showed: 'parallel: 2 at once, ∥ 1.90'})))).not.toEqual([]);
		expect(differencesOracle(asJson(fixture('cpu-pool2-runs1')), differenceRows(fixture('cpu-pool2-runs1')).map((each) => ({...each, needsMultipleCores: 'yes'})))).not.toEqual([]);
	});

	it('reaches every kind of verdict across the matrix', () => {
		const verdicts = recorded.map(([, result]) => verdictOf(result));
		for (const kind of [/ won on /, /tied for first/, /^No clear winner.*within/, /^No clear winner.*overlap across 3 rounds/, /^Too short to compare/, /helper threads/, /CPU-bound work needs cores/, /other programs used/i, /The CPU quota of 1\.0 core throttled/]) {
			expect(verdicts.some((verdict) => kind.test(verdict)), String(kind)).toBe(true);
		}
	});
});

describe('the issue\'s runs say what they showed', () => {
	it('1 s waits: async wins, with no word of start-up or shortness', () => {
		const verdict = verdictOf(fixture('issue-sleep-1000'));
		expect(verdict).toMatch(/^async won on 8 sleep tasks in 1\.0\d s/);
		expect(verdict).not.toMatch(/start-up|Too short/);
	});

	it('cpu, pool 8, with two busy loops of other load: the load is named as the cause', () => {
		expect(verdictOf(fixture('issue-cpu-loaded'))).toMatch(/other programs used \d\.\d cores during/i);
	});

	it('hash: async\'s helper threads are credited wherever async\'s threads are counted', () => {
		const verdict = verdictOf(fixture('issue-hash'));
		expect(verdict).toContain('helper threads');
		expect(verdict).not.toMatch(/async \d+ MB with one thread\b(?! and)/);
	});

	it('a module that waits 2 s, pool 3 on 2 cores: no word of CPU-bound threads or of waiting for a core', () => {
		expect(verdictOf(fixture('issue-waiting-module-pool3'))).not.toMatch(/CPU-bound|waiting for a core/);
	});

	it('threads and processes alone: no claim about async', () => {
		expect(verdictOf(fixture('issue-threads-processes'))).not.toMatch(/\basync\b|needs neither threads/);
	});
});

describe('the oracle bites', () => {
	const cpu = fixture('cpu-pool2-runs1');
	const seedIo = fixture('issue-seed-io-runs3');
	const wrongSentences: Array<[string, RunResult, string]> = [
		['a winner that was not fastest', cpu, 'async won on 4 cpu tasks in 0.63 s.'],
		['waiting work called CPU-bound', fixture('sleep-pool2-runs1'), 'async won: CPU-bound work needs cores.'],
		['a winner within the noise', fixture('hash-pool4-runs1'), 'processes won on 4 hash tasks.'],
		['the wrong count of tasks at once', fixture('sleep-pool2-runs1'), 'async won: async waited on 3 at once on one thread.'],
		// The sentences the lesson issue quoted, on the runs they came from.
		[
			'"too short", blaming start-up, on 1 s waits',
			fixture('issue-sleep-1000'),
			`Too short to compare on 8 sleep tasks: the fastest engine took ${Math.round(fixture('issue-sleep-1000').engines[0]!.elapsedMs)} ms, under 3 start-ups of its slowest pool, so start-up and measurement outweigh the work.`,
		],
		['waiting for a core on a waiting module', fixture('issue-waiting-module-pool3'), 'No clear winner on 3 custom tasks. More CPU-bound threads ran at once than the 2 cores, so times include waiting for a core.'],
		[
			'ranges said to overlap that do not',
			seedIo,
			`No clear winner on 3 sleep tasks: their times overlap across 3 rounds (${seedIo.engines.map((engine) => `${engine.engine} ${secondsText(engine.spread.minMs)}-${secondsText(engine.spread.maxMs)} s`).join(', ')}).`,
		],
		[
			'a range given as a median',
			seedIo,
			`async won on 3 sleep tasks (medians of 3 rounds: ${seedIo.engines.map((engine) => `${engine.engine} ${secondsText(engine.spread.minMs)}-${secondsText(engine.spread.maxMs)} s`).join(', ')}).`,
		],
		['async with one thread, on hash', fixture('issue-hash'), `No clear winner on 8 hash tasks. The cost differed: async ${Math.round(fixture('issue-hash').engines[0]!.peakRssBytes / 1024 / 1024)} MB with one thread.`],
		['a claim about async when async did not run', fixture('issue-threads-processes'), 'No clear winner on 8 sleep tasks, because these tasks mostly wait, and waiting needs neither threads nor cores.'],
		['load not named on a loaded run', fixture('issue-cpu-loaded'), 'Too short to compare on 8 cpu tasks.'],
		['a quota\'s throttling not named', fixture('issue-quota-cpu'), verdictOf(fixture('issue-quota-cpu')).replace(/ The CPU quota.*$/, '')],
		['a quota said to throttle an engine it did not hold back', fixture('issue-quota-cpu'), verdictOf(fixture('issue-quota-cpu')).replace('throttled threads in', 'throttled async in')],
		['a throttled engine\'s periods given wrong', fixture('issue-quota-cpu'), verdictOf(fixture('issue-quota-cpu')).replace(/threads in (\d+) of/, (_all, count: string) => `threads in ${Number(count) - 1} of`)],
	];
	it.each(wrongSentences)('rejects %s', (_what, result, verdict) => {
		expect(verdictOracle(asJson(result), verdict)).not.toEqual([]);
	});

	// Mutants of every accepted verdict: each must be rejected.
	const mutants = recorded.flatMap(([name, result]) => {
		const verdict = verdictOf(result);
		const made: Array<[string, string, RunResult, string]> = [];
		// A figure off by 10%.
		for (const match of verdict.matchAll(/(?<![\w.])(\d+\.\d{2})(?= s\b|×| cores)/g)) {
			const value = Number(match[1]);
			const changed = (value * 1.1).toFixed(2);
			if (changed === match[1]) continue;
			const mutated = verdict.slice(0, match.index) + changed + verdict.slice(match.index + match[1]!.length);
			made.push([name, `${match[1]} → ${changed}`, result, mutated]);
		}

		// Faster and slower swapped.
		if (/× faster than/.test(verdict)) made.push([name, 'faster → slower', result, verdict.replace('× faster than', '× slower than')]);
		// The winner swapped with the slowest engine.
		const winner = /^(\w+) won on/.exec(verdict)?.[1];
		const slowest = [...result.engines].sort((a, b) => b.elapsedMs - a.elapsedMs)[0]!.engine;
		if (winner && winner !== slowest) made.push([name, `winner ${winner} → ${slowest}`, result, verdict.replace(`${winner} won`, `${slowest} won`)]);
		// A clause about an engine absent from the document.
		const absent = ['async', 'threads', 'processes'].find((engine) => !result.engines.some((each) => each.engine === engine));
		if (absent) made.push([name, `a clause about ${absent}`, result, `${verdict} ${absent} won on nothing.`]);
		return made;
	});

	it('makes mutants of the accepted verdicts: figures off by 10%, speedups turned, winners swapped, absent engines', () => {
		expect(mutants.length).toBeGreaterThan(100);
	});

	it.each(mutants)('%s: rejects the mutant %s', (_name, _what, result, mutated) => {
		expect(verdictOracle(asJson(result), mutated)).not.toEqual([]);
	});
});

describe('the verdict matrix (live runs)', () => {
	it.each([
		['hash, pool 1', ['-w', 'hash', '-n', '4', '--task-ms', '150', '-p', '1']],
		['cpu, pool = cores, 3 rounds', ['-w', 'cpu', '-n', String(2 * availableParallelism()), '--task-ms', '150', '-p', String(availableParallelism()), '--runs', '3']],
		['a waiting task module', ['--task', 'example:io', '-n', '6', '-p', '2']],
		['sleep 1 s tasks', ['-w', 'sleep', '--task-ms', '1000', '-n', '4', '-p', '2']],
	])('%s: the verdict holds against its own figures', async (name, args) => {
		const {result} = await runJson(args);
		expect(verdictOracle(asJson(result), result.verdict)).toEqual([]);
		// The issue's live checks: waiting names async; hashing credits async's helper threads,
		// unless other programs' load is what the verdict must name first (a busy machine).
		if (name === 'sleep 1 s tasks') expect(result.verdict).toMatch(/^async won on 4 sleep tasks/);
		if (name === 'hash, pool 1') {
			expectUnlessSkewed(result, ['async', 'threads', 'processes'], () => {
				expect(result.verdict).toContain('helper threads');
			});
		}
	});
});

describe('the sweep under other programs\' load (a recorded sweep, one busy loop)', () => {
	const document = JSON.parse(readFileSync(`${folder}sweeps/issue-sweep-loaded.json`, 'utf8')) as SweepDocument;
	const asSweep = JSON.parse(JSON.stringify(document)) as OracleSweep;

	it('names the load before anything rests on it, with the figures of the skewed sizes', () => {
		expect(sweepOracle(asSweep, sweepSummary(document))).toEqual([]);
	});

	it('rejects the issue\'s sentence: a recommendation from loaded sizes with no word of the load', () => {
		const quoted = sweepSummary(document).filter((line) => !line.includes('other programs used'));
		expect(sweepOracle(asSweep, quoted)).not.toEqual([]);
	});
});
