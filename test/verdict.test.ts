import {describe, expect, it} from 'vitest';
import {defaultRunConfig} from '../source/config/defaults.js';
import type {EngineName} from '../source/model/run-config.js';
import type {EngineResult, RunResult, TaskRecord} from '../source/model/result-types.js';
import {verdictOf} from '../source/result/verdict.js';
import {engineResult} from './helpers/dashboard-fixtures.js';

/**
 * A result whose figures the verdict reads: elapsed, parallelism, peak memory 50 MB, and 8 task
 * records: all at once on async, `lanes` at a time on a pool, each running for the same time.
 */
function engine(name: EngineName, elapsedMs: number, parallelism: number, extra: Partial<EngineResult> = {}, lanes = 2): EngineResult {
	const atOnce = name === 'async' ? 8 : lanes;
	const length = elapsedMs / Math.ceil(8 / atOnce);
	const tasks: TaskRecord[] = Array.from({length: 8}, (_, id) => {
		const startMs = Math.floor(id / atOnce) * length;
		return {id, lane: id % atOnce, pid: 1, tid: 1, cpu: 0, queuedMs: 0, startMs, runStartMs: startMs, endMs: startMs + length, ok: true, error: null};
	});
	return engineResult(name, elapsedMs, parallelism, {peakRssBytes: 50 * 1024 * 1024, loopLagMaxMs: 0, coresUsed: 1, tasks, ...extra});
}

function run(workload: 'cpu' | 'sleep' | 'hash' | 'module', engines: EngineResult[]): Omit<RunResult, 'verdict'> {
	return {
		schema: 2,
		runId: 'test-run',
		machine: {cores: 2, cpuModel: 'test', node: 'v20', platform: 'linux-x64'},
		config: {...defaultRunConfig(2), workload, tasks: 8, taskMs: 300, engines: engines.map((e) => e.engine), calibration: null},
		engines,
		rounds: [],
		complete: engines.every((engine) => engine.complete),
	};
}

describe('the verdict', () => {
	it('names the winner, its speedup over async and why, from the figures', () => {
		const verdict = verdictOf(run('cpu', [engine('async', 2400, 1, {loopLagMaxMs: 2400}), engine('threads', 1600, 1.5), engine('processes', 1200, 1.97)]));
		expect(verdict).toMatch(/^processes won on 8 cpu tasks in 1\.20 s, 2\.00× faster than async/);
		expect(verdict).toContain('parallelism 1.00');
		expect(verdict).toContain('blocked up to 2400 ms');
	});

	it('reads a pinned run\'s CPU share against the pinned cores: two threads taking turns on one core are CPU-bound, as the lesson says', () => {
		// Two threads pinned to CPU 0 of 2: each task's running time is twice its CPU time.
		const threads = engine('threads', 1400, 1, {}, 2);
		const pinned = {...run('cpu', [threads]), config: {...run('cpu', [threads]).config, engines: ['threads' as const], cpus: [0], tasks: 8}};
		const verdict = verdictOf(pinned);
		const sameOnTwoCores = verdictOf({...pinned, machine: {...pinned.machine, cores: 1}, config: {...pinned.config, cpus: null}});
		expect(verdict).not.toContain('partly CPU-bound');
		const share = (text: string) => /(\d+)% of their running time on the CPU/.exec(text)?.[1];
		expect(share(verdict)).toBe(share(sameOnTwoCores));
	});

	it('calls two engines within 1.25× of each other a tie for first, not a win of one', () => {
		const verdict = verdictOf(run('cpu', [engine('async', 2400, 1, {loopLagMaxMs: 2400}), engine('threads', 1250, 1.95), engine('processes', 1200, 1.97)]));
		expect(verdict).toMatch(/^processes and threads tied for first on 8 cpu tasks \(1\.20 s and 1\.25 s, within 1\.04×\), 1\.92-2\.00× faster than async/);
		expect(verdict).toContain('while they kept 1.95-1.97 cores busy');
	});

	it('with async tied for first, sets the other leaders against async, never async against itself', () => {
		// Partly waiting work (fs with one libuv thread): processes 1.00 s, async 1.05 s, threads 2.00 s.
		const verdict = verdictOf(run('hash', [engine('async', 1050, 0.6, {mainThreadCpuMs: 630}), engine('threads', 2000, 0.6), engine('processes', 1000, 0.97)]));
		expect(verdict).toMatch(/^processes and async tied for first/);
		expect(verdict).toContain('processes reached a parallelism of 0.97 against async\'s 0.60');
		expect(verdict).not.toMatch(/0\.60-0\.97/);
		expect(verdict).not.toMatch(/they reached a parallelism/);
	});

	it('over rounds, decides by the ranges: overlapping times are no clear winner, apart ones are', () => {
		const over = (minMs: number, medianMs: number, maxMs: number) => ({spread: {rounds: 3, medianMs, minMs, maxMs, outlierRounds: []}});
		const overlapping = verdictOf(
			run('cpu', [engine('async', 2400, 1, over(2350, 2400, 2450)), engine('threads', 2300, 1, over(2250, 2300, 2380)), engine('processes', 2330, 1, over(2300, 2330, 2360))]),
		);
		expect(overlapping).toMatch(/^No clear winner on 8 cpu tasks: their times overlap across 3 rounds \(async 2\.35-2\.45 s, threads 2\.25-2\.38 s/);
		const apart = verdictOf(run('cpu', [engine('async', 2400, 1, over(2380, 2400, 2420)), engine('threads', 1600, 1.5, over(1590, 1600, 1610)), engine('processes', 1200, 1.97, over(1190, 1200, 1230))]));
		expect(apart).toMatch(/^processes won on 8 cpu tasks in 1\.20 s \(medians of 3 rounds: async 2\.40 s, threads 1\.60 s, processes 1\.20 s\), 2\.00× faster than async/);
		// Medians close but ranges apart: no "overlap" said.
		const close = verdictOf(run('cpu', [engine('async', 2000, 1, over(1990, 2000, 2010)), engine('threads', 2100, 1, over(2090, 2100, 2110))]));
		expect(close).toMatch(/^No clear winner on 8 cpu tasks: their medians were within 1\.05× of each other \(medians of 3 rounds: async 2\.00 s, threads 2\.10 s; ranges async 1\.99-2\.01 s, threads 2\.09-2\.11 s\)/);
		expect(close).not.toContain('overlap');
	});

	it('calls a tie on waiting tasks a tie and compares their cost', () => {
		const verdict = verdictOf(run('sleep', [engine('async', 1010, 0.01), engine('threads', 1020, 0.02), engine('processes', 1030, 0.02)]));
		expect(verdict).toMatch(/^No clear winner/);
		expect(verdict).toContain('waiting needs neither threads nor cores');
	});

	it('credits async when it waits on every task at once and the pools cannot', () => {
		expect(verdictOf(run('sleep', [engine('async', 300, 0.01), engine('threads', 1200, 0.02)]))).toMatch(/^async won/);
	});

	it('says when an engine did not complete', () => {
		const verdict = verdictOf(run('cpu', [engine('async', 2400, 1), engine('threads', 0, 0, {complete: false})]));
		expect(verdict).toContain('threads did not complete');
	});

	it('says the tasks are CPU-bound only from their measured CPU share', () => {
		const verdict = verdictOf(run('cpu', [engine('async', 2400, 1), engine('threads', 1250, 1.95)]));
		expect(verdict).toContain('CPU-bound work needs cores: the tasks spent 98% of their running time on the CPU');
		// The same times, but the pool's tasks barely used the CPU: no CPU-bound claim.
		const waiting = verdictOf(run('cpu', [engine('async', 2400, 1), engine('threads', 1250, 0.1)]));
		expect(waiting).not.toContain('CPU-bound');
		expect(waiting).toContain('threads reached a parallelism of 0.10 against async\'s 1.00');
	});

	it('credits async\'s helper threads, not waiting, when they did the work (hash, --pool 1)', () => {
		const verdict = verdictOf(run('hash', [engine('async', 1260, 1.98), engine('threads', 2460, 1, {}, 1), engine('processes', 2520, 1, {}, 1)]));
		expect(verdict).toMatch(/^async won/);
		expect(verdict).toContain("besides its one JS thread, its helper threads (libuv's pool, V8's) did 0.98 cores' worth of CPU (parallelism 1.98), while the pools ran at most 1 task at a time");
		expect(verdict).not.toContain('waited');
	});

	it('claims no cause when async wins on work that used the CPU and nothing measured explains it', () => {
		const verdict = verdictOf(run('cpu', [engine('async', 1000, 1), engine('threads', 1400, 1.4)]));
		expect(verdict).toMatch(/^async won/);
		expect(verdict).not.toMatch(/waited|CPU-bound/);
		expect(verdict).toContain("its one thread's parallelism was 1.00, the pools' threads 1.40");
	});

	it('names no winner when other programs held the cores, and says how much they used', () => {
		const busy = {otherLoadCores: 1, coreSamples: [{t: 200, busy: [1, 1], ownCores: 1, engineCores: 1}]};
		const verdict = verdictOf(run('cpu', [engine('async', 2940, 0.98, busy), engine('threads', 2600, 1.13, busy), engine('processes', 2840, 1.02, busy)]));
		expect(verdict).toMatch(/^No clear winner on 8 cpu tasks: other programs used 1\.0 cores during the async run, 1\.0 during threads and 1\.0 during processes/);
		expect(verdict).not.toMatch(/won/);
	});

	it('calls a run too short only when the engines are within the noise under 100 ms, and says how to lengthen its tasks', () => {
		const verdict = verdictOf(run('cpu', [engine('async', 45, 1, {startupMs: 0}), engine('threads', 38, 1.9, {startupMs: 40}), engine('processes', 41, 1.86, {startupMs: 83})]));
		expect(verdict).toBe(
			'Too short to compare on 8 cpu tasks: the engines took 38 to 45 ms, 7 ms apart, within what timers and scheduling can move a time by (10 ms). Make each task longer (--task-ms; 300 ms now).',
		);
	});

	it('names async the winner on 1 s waits, however slow the pools were to start (start-up is not in elapsed)', () => {
		const verdict = verdictOf(run('sleep', [engine('async', 1003, 0.01, {startupMs: 0}), engine('threads', 4010, 0.01, {startupMs: 681}), engine('processes', 4012, 0.01, {startupMs: 681})]));
		expect(verdict).toMatch(/^async won on 8 sleep tasks in 1\.00 s: /);
		expect(verdict).not.toMatch(/start-up|Too short/);
	});

	it('names load first, and still names a winner too far ahead for the load to explain, with the load stated', () => {
		const busy = (load: number) => ({otherLoadCores: load, coreSamples: [{t: 200, busy: [1, 1], ownCores: 1, engineCores: 1}]});
		// Under 100 ms and close: the load is named, not the shortness.
		const short = verdictOf(run('cpu', [engine('async', 60, 1, busy(1)), engine('threads', 55, 1, busy(1))]));
		expect(short).toMatch(/^No clear winner on 8 cpu tasks: other programs used 1\.0 cores during the async run/);
		// async 1.0 s against 4.0 s: even at half speed (1 of 2 cores taken) the pools would be 2× slower.
		const far = verdictOf(run('sleep', [engine('async', 1000, 0.3, busy(1)), engine('threads', 4000, 0.3, busy(1))]));
		expect(far).toMatch(/^async won on 8 sleep tasks in 1\.00 s/);
		expect(far).toContain('Other programs used 1.0 cores during the async run and 1.0 during threads');
		expect(far).toContain('even sped up by the most that load could take (async 2.00×, threads 2.00×), the others stay behind');
	});

	it('says nothing of waiting for a core unless the tasks measured CPU-bound and more ran at once than the cores', () => {
		const records = (count: number, endMs: number) => Array.from({length: count}, (_, id) => ({id, lane: id, pid: 1, tid: id, cpu: 0, queuedMs: 0, startMs: 0, runStartMs: 0, endMs, ok: true, error: null}));
		// A module that waits 2 s, pool 3 on 2 cores: 3 at once, but 1% on the CPU.
		const waiting = verdictOf(run('module', [engine('async', 2000, 0.01, {tasks: records(3, 2000)}), engine('threads', 2010, 0.03, {cpuMs: 60, tasks: records(3, 2010)})]));
		expect(waiting).not.toMatch(/waiting for a core|CPU-bound/);
		const busy = verdictOf(run('cpu', [engine('async', 3000, 1, {tasks: records(3, 3000)}), engine('threads', 1500, 2, {cpuMs: 3000, tasks: records(3, 1500)})]));
		expect(busy).toContain('Threads ran up to 3 tasks at once on 2 cores, and the tasks were CPU-bound (');
	});

	it('says "waiting needs neither threads nor cores" only where async ran to show it', () => {
		const verdict = verdictOf(run('sleep', [engine('threads', 1010, 0.01), engine('processes', 1030, 0.02)]));
		expect(verdict).toMatch(/^No clear winner/);
		expect(verdict).not.toContain('needs neither');
		expect(verdict).toContain('these tasks mostly wait (parallelism 0.01 to 0.02)');
	});
});
