import {describe, expect, it} from 'vitest';
import {defaultRunConfig} from '../source/config/defaults.js';
import type {EngineName} from '../source/model/run-config.js';
import type {EngineResult, RunResult} from '../source/model/result-types.js';
import {verdictOf} from '../source/result/verdict.js';
import {engineResult} from './helpers/dashboard-fixtures.js';

/** A result whose figures the verdict reads: elapsed, parallelism, peak memory 50 MB. */
function engine(name: EngineName, elapsedMs: number, parallelism: number, extra: Partial<EngineResult> = {}): EngineResult {
	return engineResult(name, elapsedMs, parallelism, {peakRssBytes: 50 * 1024 * 1024, loopLagMaxMs: 0, coresUsed: 1, ...extra});
}

function run(workload: 'cpu' | 'sleep' | 'hash', engines: EngineResult[]): Omit<RunResult, 'verdict'> {
	return {
		schema: 1,
		runId: 'test-run',
		machine: {cores: 2, cpuModel: 'test', node: 'v20', platform: 'linux-x64'},
		config: {...defaultRunConfig(2), workload, tasks: 8, taskMs: 300, engines: engines.map((e) => e.engine), calibration: null},
		engines,
		complete: engines.every((engine) => engine.complete),
	};
}

describe('the verdict', () => {
	it('names the winner, its speedup over async and why, from the figures', () => {
		const verdict = verdictOf(run('cpu', [engine('async', 2400, 1, {loopLagMaxMs: 2400}), engine('threads', 1250, 1.95), engine('processes', 1200, 1.97)]));
		expect(verdict).toMatch(/^processes won on 8 cpu tasks in 1\.20 s, 2\.00× faster than async/);
		expect(verdict).toContain('parallelism 1.00');
		expect(verdict).toContain('blocked up to 2400 ms');
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
});
