// The note's words (concurrent, parallel, time-slicing) are earned by this run's figures, never by
// a flag: checked on records, then live where the machine shows them (one core: two threads take
// turns; an outside taskset: "1 of 2 cores allowed").
import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {randomUUID} from 'node:crypto';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import type {EngineName} from '../source/model/run-config.js';
import type {EngineResult, TaskRecord} from '../source/model/result-types.js';
import {analogyLines, differenceRows, showedBy} from '../source/result/lesson.js';
import {engineResult} from './helpers/dashboard-fixtures.js';
import {otherLoadThresholdCores} from './helpers/busy-machine.js';
import {cliPath, runCli, runJson, userEnv} from './helpers/run-cli.js';

/** `count` tasks, `atOnce` at a time, each `length` ms. */
function tasks(count: number, atOnce: number, length: number): TaskRecord[] {
	return Array.from({length: count}, (_, id) => {
		const startMs = Math.floor(id / atOnce) * length;
		return {id, lane: id % atOnce, pid: 1, tid: 1, cpu: 0, queuedMs: 0, startMs, runStartMs: startMs, endMs: startMs + length, ok: true, error: null};
	});
}

const engine = (name: EngineName, parallelism: number, records: TaskRecord[], extra: Partial<EngineResult> = {}) => engineResult(name, 1000, parallelism, {tasks: records, ...extra});

describe('what a run showed, in the note\'s words', () => {
	it.each([
		['two threads at once on 2 cores, ∥ 1.97', engine('threads', 1.97, tasks(4, 2, 500)), 'parallel', 'parallel: 2 at once, ∥ 1.97'],
		['two threads at once, ∥ 1.00 (one core)', engine('threads', 1, tasks(4, 2, 500)), 'time-slicing', 'concurrent, not parallel: 2 at once took turns (time-slicing), ∥ 1.00'],
		['8 waits at once on async', engine('async', 0.02, tasks(8, 8, 1000)), 'concurrent', 'concurrent: 8 waited at once on 1 thread, ∥ 0.02'],
		['async\'s staircase of CPU work', engine('async', 1, tasks(4, 1, 250)), 'one at a time', 'one task at a time, ∥ 1.00'],
		['async hashing on its helper threads', engine('async', 1.95, tasks(8, 8, 1000), {cpuMs: 1950, mainThreadCpuMs: 30}), 'parallel', 'parallel on its helper threads: 8 at once on 1 JS thread, ∥ 1.95'],
		['processes, 2 at once, ∥ 0.5-0.8: neither parallel nor time-slicing', engine('processes', 0.6, tasks(4, 2, 500)), 'concurrent', 'concurrent: 2 at once, ∥ 0.60'],
	] as const)('%s', (_name, result, kind, text) => {
		expect(showedBy(result)).toMatchObject({kind, text});
	});

	it('never says time-slicing of async (one thread has no turns to take) nor of one unit', () => {
		expect(showedBy(engine('async', 1, tasks(4, 4, 1000))).kind).not.toBe('time-slicing');
		expect(showedBy(engine('threads', 1, tasks(4, 1, 250))).kind).toBe('one at a time');
	});

	it('gives the note\'s table with its own questions, and an analogy tied to each measurement', () => {
		const result = {engines: [engine('async', 0.02, tasks(3, 3, 2000)), engine('threads', 1, tasks(4, 2, 500))]};
		expect(differenceRows(result)).toEqual([
			expect.objectContaining({model: 'Async', level: 'programming model', needsMultipleCores: 'no', needsMultipleThreads: 'no', showedKind: 'concurrent'}),
			expect.objectContaining({model: 'Many-thread', level: 'execution model', needsMultipleCores: 'no', needsMultipleThreads: 'yes', showedKind: 'time-slicing'}),
		]);
		expect(analogyLines(result)).toEqual([
			'Async, like ordering food and chatting until the waiter brings it: concurrent: 3 waited at once on 1 thread, ∥ 0.02.',
			'Many-thread, like kitchen staff in one restaurant, sharing its tools (memory): concurrent, not parallel: 2 at once took turns (time-slicing), ∥ 1.00.',
		]);
	});
});

describe.runIf(process.platform === 'linux')('live: what one core shows', () => {
	it('--cpus 0 -w cpu -n 4: two threads at once on one core, ∥ at most 1.1, called time-slicing; the report carries the note\'s table', async () => {
		const {result} = await runJson(['--cpus', '0', '-w', 'cpu', '-n', '4', '--task-ms', '150', '-e', 'threads']);
		expect(result.config.pool).toBe(2);
		const threads = result.engines[0]!;
		const row = result.differences![0]!;
		// The word follows the figures: two at once and ∥ ≤ 1.1 is time-slicing; else it must not say so.
		const twoAtOnce = threads.tasks.some((task) => threads.tasks.some((other) => other !== task && other.startMs! < task.endMs! && task.startMs! < other.endMs!));
		if (twoAtOnce && threads.parallelism >= 0.8 && threads.parallelism <= 1.1) expect(row.showed).toMatch(/^concurrent, not parallel: 2 at once took turns \(time-slicing\)/);
		else expect(row.showed).not.toContain('time-slicing');
		expect(threads.parallelism).toBeLessThanOrEqual(1.1);
		const report = await runCli(['--cpus', '0', '-w', 'cpu', '-n', '4', '--task-ms', '100', '-e', 'threads']);
		expect(report.stdout).toMatch(/^The note's differences \(shared\/seed\), and what this run showed of each:\nmodel +level +needs multiple cores\? +needs multiple threads\? +JS threads +OS threads\nMany-thread +execution model +no +yes +2 +\d+\nMany-thread, like kitchen staff/m);
	});

	it('an outside taskset -c 0 on a machine of more cores: "1 of N cores allowed", and a default pool of 2', async () => {
		const {result} = await runJson(['-w', 'sleep', '-n', '2', '--task-ms', '50', '-e', 'threads'], {command: ['taskset', '-c', '0']});
		expect(result.machine.cores).toBe(1);
		expect(result.config.pool).toBe(2);
		const report = await runCli(['-w', 'sleep', '-n', '2', '--task-ms', '50', '-e', 'threads'], {command: ['taskset', '-c', '0']});
		if (result.machine.onlineCores! > 1) expect(report.stdout).toContain(`machine: 1 of ${result.machine.onlineCores} cores allowed`);
	});
});

describe('the header says what a module\'s tasks do, not a length they ignore', () => {
	it('a shipped example: its work; a user\'s module: that the module sets the length', async () => {
		const example = await runCli(['--task', 'example:io', '-n', '2', '-e', 'async']);
		expect(example.stdout).toMatch(/^concur-tui · example:io · 2 tasks: a file written, 500 ms waited, read back · /m);
		const own = await runCli(['--task', 'test/fixtures/custom-task.mjs', '-n', '2', '-e', 'async']);
		expect(own.stdout).toMatch(/^concur-tui · task module \S+custom-task\.mjs · 2 tasks, as long as the module makes them · /m);
		expect(own.stdout.split('\n')[0]).not.toMatch(/ × \d/);
	});
});

// A CPU quota of one core's worth (cpu.cfs_quota_us = cpu.cfs_period_us, as a Kubernetes limit of
// 1000m sets): the same single-CPU rule as --cpus 0 and taskset. Needs a v1 cpu cgroup this user
// may make (root here and in CI).
const quotaGroup = join('/sys/fs/cgroup/cpu', `concur-test-${randomUUID().slice(0, 8)}`);
const savedPath = join(mkdtempSync(join(tmpdir(), 'concur-quota-')), 'run.json');
const canQuota = (() => {
	if (process.platform !== 'linux') return false;
	try {
		mkdirSync(quotaGroup);
		writeFileSync(join(quotaGroup, 'cpu.cfs_quota_us'), '100000');
		writeFileSync(join(quotaGroup, 'cpu.cfs_period_us'), '100000');
		return true;
	} catch {
		return false;
	}
})();

describe.runIf(canQuota)('under a CPU quota of one core', () => {
	afterAll(() => {
		rmdirSync(quotaGroup);
	});

	it('counts one allowed core, defaults to a pool of 2, and the machine line says why', async () => {
		const run = async (extra: readonly string[]) =>
			new Promise<string>((resolve) => {
				const child = spawn('sh', ['-c', `echo $$ > ${quotaGroup}/cgroup.procs && exec "$0" "$@"`, process.execPath, cliPath, '-w', 'sleep', '-n', '2', '--task-ms', '50', '-e', 'threads', ...extra], {env: userEnv(), stdio: ['ignore', 'pipe', 'inherit']});
				let stdout = '';
				child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
				child.on('close', () => resolve(stdout));
			});
		const result = JSON.parse(await run(['--json'])) as RunResult;
		expect(result.machine).toMatchObject({cores: 1, cpuQuotaCores: 1});
		expect(result.config.pool).toBe(2);
		if (result.machine.onlineCores! > 1) expect(await run([])).toContain(`machine: 1 of ${result.machine.onlineCores} cores allowed (CPU quota 1.0)`);
	});

	it('measures how the quota throttled each engine and names it in the verdict and the notes, with the figures of the JSON', async () => {
		// Two threads of CPU work want 2 cores' worth; the quota gives 1: the kernel throttles the group.
		const json = await new Promise<string>((resolve) => {
			const child = spawn('sh', ['-c', `echo $$ > ${quotaGroup}/cgroup.procs && exec "$0" "$@"`, process.execPath, cliPath, '-w', 'cpu', '-n', '4', '--task-ms', '300', '-e', 'threads', '--json', '--save', savedPath], {env: userEnv(), stdio: ['ignore', 'pipe', 'inherit']});
			let stdout = '';
			child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
			child.on('close', () => resolve(stdout));
		});
		const result = JSON.parse(json) as RunResult;
		const throttling = result.engines[0]!.throttling!;
		expect(throttling.quotaCores).toBe(1);
		expect(throttling.periods).toBeGreaterThan(0);
		expect(throttling.throttledPeriods).toBeLessThanOrEqual(throttling.periods);
		if (throttling.throttledMs <= 0.05 * result.engines[0]!.elapsedMs) {
			// A busy machine: other programs held the cores, so the group got less than its quota
			// and was hardly throttled. Then the run names that load, and no throttling.
			expect(result.engines[0]!.otherLoadCores).toBeGreaterThanOrEqual(otherLoadThresholdCores);
			expect(result.verdict).toMatch(/other programs used [\d.]+ cores/i);
			expect(result.verdict).not.toContain('The CPU quota');
			return;
		}

		expect(throttling.throttledPeriods).toBeGreaterThan(0);
		const waited = `${(throttling.throttledMs / 1000).toFixed(2)} s of waiting`;
		expect(result.verdict).toContain(`The CPU quota of 1.0 core throttled threads in ${throttling.throttledPeriods} of ${throttling.periods} periods (${waited}, summed over cores)`);
		const report = await runCli(['replay', savedPath]);
		expect(report.stdout).toContain(`Note: the CPU quota of 1.0 core throttled the threads run in ${throttling.throttledPeriods} of its ${throttling.periods} periods (${waited}`);
	});
});

describe('threads and analogies where the screen has room', () => {
	it('the results table gets a threads column, JS and OS apart, when wide enough', async () => {
		const {resultRows} = await import('../source/ui/result-rows.js');
		const {runResult} = await import('./helpers/dashboard-fixtures.js');
		const samples = [{t: 200, busy: [1, 1], ownCores: 1, engineCores: 1, engineThreads: 11}];
		const result = {...runResult, engines: runResult.engines.map((each) => ({...each, coreSamples: samples}))};
		expect(resultRows(result, true).map((row) => row.threads)).toEqual(['1 JS · 11 OS', `${runResult.engines[1]!.lanes.length} JS · 11 OS`, `${runResult.engines[2]!.lanes.length} JS · 11 OS`]);
		expect(resultRows(result)[0]).not.toHaveProperty('threads');
	});

	it('a wide panel\'s legend gives the note\'s analogy; a narrow one keeps its lanes', async () => {
		const {legendLine} = await import('../source/ui/panel/panel-lines.js');
		const {engineView} = await import('./helpers/dashboard-fixtures.js');
		const {stripVTControlCharacters} = await import('node:util');
		const view = engineView({engine: 'async'});
		expect(stripVTControlCharacters(legendLine(view, 120))).toContain('like ordering food and chatting until the waiter brings it · ');
		expect(stripVTControlCharacters(legendLine(view, 40))).not.toContain('like ordering');
	});
});
