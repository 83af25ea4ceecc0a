// The verdict, as a pure function of the result document, checked clause by clause against the
// figures of that same document: over documents recorded from real runs on this machine
// (scripts/record-verdict-fixtures.mjs: every workload and a task module × pool 1, cores and
// 2 × cores × 1 and 3 rounds), and over a few live runs so the fixtures stay honest.
import {readdirSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import {verdictOf} from '../source/result/verdict.js';
import {runJson} from './helpers/run-cli.js';
import {verdictProblems} from './helpers/verdict-checker.js';

const folder = fileURLToPath(new URL('fixtures/verdicts/', import.meta.url));
const recorded = readdirSync(folder)
	.filter((name) => name.endsWith('.json'))
	.map((name) => [name.replace('.json', ''), JSON.parse(readFileSync(`${folder}${name}`, 'utf8')) as RunResult] as const);

describe('the verdict matrix (recorded runs)', () => {
	it('covers every workload and a task module, at pool 1, cores and 2 × cores, with 1 and 3 rounds', () => {
		expect(recorded).toHaveLength(30);
	});

	it.each(recorded)('%s: every number is a figure of the document, every claim holds for it', (_name, result) => {
		const verdict = verdictOf(result);
		expect(verdictProblems(result, verdict)).toEqual([]);
	});

	it('reaches every kind of verdict across the matrix', () => {
		const verdicts = recorded.map(([, result]) => verdictOf(result));
		for (const kind of [/ won on /, /tied for first/, /^No clear winner.*within/, /^No clear winner.*overlap across 3 rounds/, /^Too short to compare/, /helper threads/, /CPU-bound work needs cores/]) {
			expect(verdicts.some((verdict) => kind.test(verdict))).toBe(true);
		}
	});
});

describe('the checker bites', () => {
	const [, cpu] = recorded.find(([name]) => name === 'cpu-pool2-runs1')!;
	const [, hash] = recorded.find(([name]) => name === 'hash-pool1-runs1')!;
	it.each([
		['a winner that was not fastest', cpu, 'async won on 4 cpu tasks in 0.63 s.'],
		['an invented figure', cpu, 'threads won on 4 cpu tasks in 0.12 s, 9.99× faster than async.'],
		['waiting work called CPU-bound', recorded.find(([name]) => name === 'sleep-pool2-runs1')![1], 'async won: CPU-bound work needs cores.'],
		['a winner within the noise', hash, `processes won on 4 hash tasks.`],
		['the wrong count of tasks at once', recorded.find(([name]) => name === 'sleep-pool2-runs1')![1], 'async won: async waited on 3 at once on one thread.'],
	])('rejects %s', (_what, result, verdict) => {
		expect(verdictProblems(result, verdict).length).toBeGreaterThan(0);
	});
});

describe('the verdict matrix (live runs)', () => {
	it.each([
		['hash, pool 1', ['-w', 'hash', '-n', '4', '--task-ms', '150', '-p', '1']],
		['cpu, pool = cores, 3 rounds', ['-w', 'cpu', '-n', '4', '--task-ms', '150', '-p', '2', '--runs', '3']],
		['a waiting task module', ['--task', 'example:io', '-n', '6', '-p', '2']],
	])('%s: the verdict holds against its own figures', async (_name, args) => {
		const {result} = await runJson(args);
		expect(verdictProblems(result, result.verdict)).toEqual([]);
	});
});
