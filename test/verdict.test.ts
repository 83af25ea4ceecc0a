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

function run(workload: 'cpu' | 'sleep' | 'hash', engines: EngineResult[]): Omit<RunResult, 'verdict'> {
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

	it('calls two engines within 1.25× of each other a tie for first, not a win of one', () => {
		const verdict = verdictOf(run('cpu', [engine('async', 2400, 1, {loopLagMaxMs: 2400}), engine('threads', 1250, 1.95), engine('processes', 1200, 1.97)]));
		expect(verdict).toMatch(/^processes and threads tied for first on 8 cpu tasks \(1\.20 s and 1\.25 s, within 1\.04×\), 1\.92-2\.00× faster than async/);
		expect(verdict).toContain('while they kept 1.95-1.97 cores busy');
	});

	it('over rounds, decides by the ranges: overlapping times are no clear winner, apart ones are', () => {
		const over = (minMs: number, medianMs: number, maxMs: number) => ({spread: {rounds: 3, medianMs, minMs, maxMs, outlierRounds: []}});
		const overlapping = verdictOf(
			run('cpu', [engine('async', 2400, 1, over(2350, 2400, 2450)), engine('threads', 2300, 1, over(2250, 2300, 2380)), engine('processes', 2330, 1, over(2300, 2330, 2360))]),
		);
		expect(overlapping).toMatch(/^No clear winner on 8 cpu tasks: their times overlap across 3 rounds \(async 2\.35-2\.45 s, threads 2\.25-2\.38 s/);
		const apart = verdictOf(run('cpu', [engine('async', 2400, 1, over(2380, 2400, 2420)), engine('threads', 1600, 1.5, over(1590, 1600, 1610)), engine('processes', 1200, 1.97, over(1190, 1200, 1230))]));
		expect(apart).toMatch(/^processes won on 8 cpu tasks in 1\.20 s \(medians of 3 rounds: async 2\.38-2\.42 s, threads 1\.59-1\.61 s, processes 1\.19-1\.23 s\), 2\.00× faster than async/);
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

	it('calls a run shorter than 3 start-ups too short to compare', () => {
		const verdict = verdictOf(run('cpu', [engine('async', 45, 1, {startupMs: 0}), engine('threads', 26, 1.9, {startupMs: 40}), engine('processes', 29, 1.86, {startupMs: 83})]));
		expect(verdict).toMatch(/^Too short to compare on 8 cpu tasks: the fastest engine took 26 ms, under 3 start-ups of its slowest pool \(83 ms each\)/);
		expect(verdict).not.toMatch(/won|faster/);
	});
});
