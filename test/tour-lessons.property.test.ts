// The tour's promise, as a property: a chapter states its lesson ("waiting needs neither threads
// nor cores", "time-slicing", "parallel, on multicore hardware", …) only when the figures it was
// fed meet the chapter's stated rule, and its grade is the band the measured value falls in.
// The oracle computes every rule here from the generated runs (never through the tour's code).
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {EngineResult, RunResult, TaskRecord} from '../source/model/result-types.js';
import {tourChapters} from '../source/tour/chapters/index.js';
import {choiceFor} from '../source/tour/chapter.js';
import {engineResult, runResult} from './helpers/dashboard-fixtures.js';

const cores = 2;
const chapters = tourChapters({...runResult.machine, cores});
const judge = (number: number, results: RunResult[]) => chapters[number]!.judge(results, {machine: {...runResult.machine, cores}, earlier: [], otherLoadNow: 0});
const runOf = (...engines: EngineResult[]): RunResult => ({...runResult, engines});
const ms = fc.integer({min: 200, max: 9000});
const parallelism = fc.double({min: 0, max: 2.2, noNaN: true});
const runs = {numRuns: 300};

function task(id: number, startMs: number, endMs: number): TaskRecord {
	return {id, lane: id, pid: 1, tid: id, cpu: 0, queuedMs: 0, startMs, runStartMs: startMs, endMs, ok: true, error: null};
}

/** The figure a takeaway quotes for `value` ms, as the report writes seconds. */
const secondsText = (value: number) => `${(value / 1000).toFixed(2)} s`;

describe('the tour\'s lessons, stated only where the generated figures meet the chapter\'s rule', () => {
	it('chapter 1: waits overlapped on one thread (under 1.5 waits, parallelism under 0.1)', () => {
		fc.assert(
			fc.property(ms, parallelism, ms, (waits, par, requests) => {
				const outcome = judge(1, [runOf(engineResult('async', waits, par)), runOf(engineResult('async', requests, 0.02))]);
				const overlapped = waits < 3000 && par < 0.1;
				expect(outcome.takeaway.includes('waiting needs neither threads nor cores')).toBe(overlapped);
				expect(outcome.shown).toBe(overlapped && requests < 3000);
				expect(outcome.takeaway).toContain(secondsText(waits));
				expect(choiceFor(chapters[1]!.prediction!, outcome.graded!)?.key).toBe(waits < 3000 ? 'a' : waits < 5000 ? 'b' : 'c');
			}),
			runs,
		);
	});

	it('chapter 2: computations one after another (2.5 × 0.7 s or more), the loop blocked at least half a task', () => {
		fc.assert(
			fc.property(ms, fc.integer({min: 0, max: 5000}), (elapsed, lag) => {
				const outcome = judge(2, [runOf(engineResult('async', elapsed, 1, {loopLagMaxMs: lag}))]);
				const serial = elapsed >= 1750;
				expect(outcome.takeaway.includes('one task after another')).toBe(serial);
				expect(outcome.shown).toBe(serial && lag >= 350);
			}),
			runs,
		);
	});

	it('chapter 3: time-slicing only with two tasks at once, parallelism 0.8 to 1.1, each 1.6 × its work or longer', () => {
		fc.assert(
			fc.property(fc.integer({min: 300, max: 3000}), fc.integer({min: 300, max: 3000}), fc.integer({min: 0, max: 3000}), fc.double({min: 0.3, max: 2, noNaN: true}), (first, second, secondStart, par) => {
				const tasks = [task(0, 0, first), task(1, secondStart, secondStart + second)];
				const elapsed = Math.max(first, secondStart + second);
				const outcome = judge(3, [runOf(engineResult('threads', elapsed, par, {tasks}))]);
				const atOnce = secondStart < first;
				// The median of two durations is their mean.
				const each = (first + second) / 2;
				const shown = atOnce && par >= 0.8 && par <= 1.1 && each >= 1120;
				expect(outcome.takeaway.includes('time-slicing')).toBe(shown);
				expect(outcome.shown).toBe(shown);
			}),
			runs,
		);
	});

	it('chapter 4: parallel on multicore hardware only when both pools were at least 0.7 × the cores faster than async', () => {
		fc.assert(
			fc.property(ms, ms, ms, (async, threads, processes) => {
				const outcome = judge(4, [runOf(engineResult('async', async, 1), engineResult('threads', threads, 1.9), engineResult('processes', processes, 1.9))]);
				const shown = Math.min(async / threads, async / processes) >= 0.7 * cores;
				expect(outcome.takeaway.includes('parallel, on multicore hardware')).toBe(shown);
				expect(outcome.shown).toBe(shown);
			}),
			runs,
		);
	});

	it('chapter 6: async uses threads internally only when libuv\'s CPU accounts for most of its parallelism above 1 and one libuv thread brings it under 1.2', () => {
		fc.assert(
			fc.property(fc.integer({min: 200, max: 3000}), parallelism, fc.integer({min: 0, max: 6000}), parallelism, (elapsed, par, libuvMs, single) => {
				const osThreads = {uvThreads: 4, identifiedBy: 'creation order' as const, threads: [{pid: 1, tid: 2, name: 'node', cpuMs: libuvMs, role: 'libuv' as const}]};
				const outcome = judge(6, [runOf(engineResult('async', elapsed, par, {osThreads})), runOf(engineResult('async', elapsed, single, {osThreads}))]);
				const shown = par >= 1.2 && libuvMs / elapsed >= 0.7 * (par - 1) && single < 1.2;
				expect(outcome.takeaway.includes('Async can use threads internally')).toBe(shown);
				expect(outcome.shown).toBe(shown);
			}),
			runs,
		);
	});

	it('chapter 7: more threads only take turns past the cores when C threads were 0.7 × C faster than 1 and 2C no faster than 0.85 of C\'s time', () => {
		fc.assert(
			fc.property(ms, ms, ms, (one, atCores, twice) => {
				const outcome = judge(7, [one, atCores, twice].map((elapsed) => runOf(engineResult('threads', elapsed, 1.5))));
				const shown = one / atCores >= 0.7 * cores && twice / atCores >= 0.85;
				expect(outcome.takeaway.includes('more threads only take turns')).toBe(shown);
				expect(outcome.shown).toBe(shown);
			}),
			runs,
		);
	});
});
