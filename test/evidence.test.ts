// What the verdict may say rests on these measurements: each checked on plain records.
import {describe, expect, it} from 'vitest';
import type {CoreSample, TaskRecord} from '../source/model/result-types.js';
import {engineLoad} from '../source/result/engine-load.js';
import {cpuShareOf, mostAtOnce, skewedByOtherLoad, tooShortToCompare, workKindOf} from '../source/result/evidence.js';
import {engineResult} from './helpers/dashboard-fixtures.js';

function record(id: number, startMs: number, endMs: number): TaskRecord {
	return {id, lane: 0, pid: 1, tid: 1, cpu: 0, queuedMs: 0, startMs, runStartMs: startMs, endMs, ok: true, error: null};
}

const sample = (t: number, busy: number[], ownCores: number, engineCores: number): CoreSample => ({t, busy, ownCores, engineCores});

describe('evidence from task records', () => {
	it('counts the most tasks running at one instant; back-to-back tasks are one at a time', () => {
		expect(mostAtOnce([record(0, 0, 100), record(1, 100, 200), record(2, 150, 300)])).toBe(2);
		expect(mostAtOnce([record(0, 0, 100), record(1, 100, 200)])).toBe(1);
		expect(mostAtOnce([])).toBe(0);
	});

	it('reads the CPU share of the tasks on a pool engine, not on async (its tasks overlap on one thread)', () => {
		const tasks = [record(0, 0, 500), record(1, 0, 500)];
		expect(cpuShareOf(engineResult('threads', 500, 2, {cpuMs: 1000, tasks}), 2)).toBe(1);
		expect(cpuShareOf(engineResult('threads', 500, 0.02, {cpuMs: 10, tasks}), 2)).toBeCloseTo(0.01);
		expect(cpuShareOf(engineResult('async', 500, 1, {cpuMs: 500, tasks}), 2)).toBeNull();
	});

	it('does not read tasks that waited for a core as waiting on I/O: running time is capped at what the cores could give', () => {
		// 4 units on 2 cores: each task's wall time is twice its CPU time.
		const tasks = [0, 1, 2, 3].map((id) => record(id, 0, 600));
		expect(cpuShareOf(engineResult('processes', 600, 2, {cpuMs: 1200, tasks}), 2)).toBe(1);
	});

	it('classifies the work as cpu-bound, waiting or mixed from the least disturbed pool', () => {
		const tasks = [record(0, 0, 1000)];
		const engines = (cpuMs: number) => [engineResult('async', 1000, 1, {tasks}), engineResult('threads', 1000, 1, {cpuMs, tasks})];
		expect(workKindOf(engines(950), 2)?.kind).toBe('cpu-bound');
		expect(workKindOf(engines(500), 2)?.kind).toBe('mixed');
		expect(workKindOf(engines(20), 2)?.kind).toBe('waits');
		expect(workKindOf([engineResult('async', 1000, 1, {tasks})], 2)).toBeNull();
	});

	it('calls a run too short only when every engine took under 100 ms and all were within what scheduling can move a time by', () => {
		// Start-up is not in elapsed: a slow pool start-up makes no run too short.
		const run = (fastest: number, slowest: number) => [engineResult('async', fastest, 1, {startupMs: 0}), engineResult('processes', slowest, 2, {startupMs: 680})];
		expect(tooShortToCompare(run(45, 52))).toMatchObject({fastestMs: 45, slowestMs: 52, disturbanceMs: 10, fromRounds: false});
		expect(tooShortToCompare(run(20, 80))).toBeNull();
		expect(tooShortToCompare(run(1003, 4010))).toBeNull();
		expect(tooShortToCompare(run(150, 152))).toBeNull();
		// With rounds, their spread is the disturbance.
		const spread = {spread: {rounds: 3, medianMs: 50, minMs: 30, maxMs: 70, outlierRounds: []}};
		expect(tooShortToCompare([engineResult('async', 50, 1, spread), engineResult('threads', 75, 1, spread)])).toMatchObject({disturbanceMs: 40, fromRounds: true});
	});
});

describe('other programs\' load', () => {
	const full = [sample(200, [1, 1], 1, 1), sample(400, [1, 1], 1, 1)];
	it('skews an engine that wanted the CPU while others held cores of a full machine', () => {
		expect(skewedByOtherLoad(engineResult('threads', 400, 1, {otherLoadCores: 1, coreSamples: full}), 2)).toBe(true);
	});

	it('does not skew a quiet run, an engine that barely used the CPU, or a machine with idle cores', () => {
		expect(skewedByOtherLoad(engineResult('threads', 400, 2, {otherLoadCores: 0.03, coreSamples: full}), 2)).toBe(false);
		expect(skewedByOtherLoad(engineResult('threads', 400, 0.02, {otherLoadCores: 1, coreSamples: full}), 2)).toBe(false);
		const idle = [sample(200, [0.6, 0.2], 0.3, 0.3)];
		expect(skewedByOtherLoad(engineResult('threads', 400, 0.5, {otherLoadCores: 0.5, coreSamples: idle}), 8)).toBe(false);
	});
});

describe('the engine\'s own cores', () => {
	it('is the peak over 1 s windows of its own CPU, not the machine\'s busy cores', () => {
		// The machine is full (others run too) while the engine uses one core, then two for a second.
		const samples = [200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000].map((t, i) => sample(t, [1, 1], i < 5 ? 1 : 2, i < 5 ? 1 : 2));
		expect(engineLoad(samples, 2000, 1.5).coresUsed).toBe(2);
		expect(engineLoad(samples.slice(0, 5), 1000, 1).coresUsed).toBe(1);
	});

	it('leaves out a sample that began before the window (a pool\'s start-up), and is never below the average', () => {
		const samples = [sample(100, [1, 1], 1.8, 1.8), sample(300, [1, 0], 1, 1), sample(500, [1, 0], 1, 1)];
		expect(engineLoad(samples, 500, 1).coresUsed).toBe(1);
		expect(engineLoad([], 50, 1.9).coresUsed).toBe(1.9);
	});

	it('averages the other programs\' load: the machine\'s busy cores minus concur-tui\'s own', () => {
		const samples = [sample(200, [1, 1], 1, 1), sample(400, [1, 0.5], 0.5, 0.5)];
		expect(engineLoad(samples, 400, 0.75).otherLoadCores).toBe(1);
	});
});
