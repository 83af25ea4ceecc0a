// The sweep report's legend explains the marks its table shows, and only those.
import {describe, expect, it} from 'vitest';
import {sweepMarks, sweepTable} from '../source/present/sweep-text.js';
import type {SweepEngine, SweepPoint} from '../source/result/sweep-analysis.js';

const point = (n: number, patch: Partial<SweepPoint> = {}): SweepPoint => ({
	n,
	tasks: 8,
	medianMs: 1000 / n,
	minMs: 1000 / n,
	maxMs: 1000 / n,
	speedup: n,
	efficiency: 1,
	parallelism: n,
	peakRssBytes: 50 * 1024 * 1024,
	startupMs: 30,
	complete: true,
	failedTasks: 0,
	oversubscribed: false,
	roundsMs: [1000 / n],
	...patch,
});
const engine = (points: SweepPoint[]): SweepEngine => ({engine: 'threads', points, amdahl: null, usl: null, fitNote: null, recommendation: null});

describe('the sweep\'s marks', () => {
	it('says nothing when the table shows no mark', () => {
		const engines = [engine([point(1), point(2)])];
		expect(sweepTable(engines, [1, 2], 2).join('\n')).not.toMatch(/[*±!✗~]/);
		expect(sweepMarks(engines, [1, 2], 2)).toBe('');
	});

	it('explains each mark the table shows', () => {
		const engines = [engine([point(1, {roundsMs: [900, 1000, 1100], minMs: 900, maxMs: 1100}), point(2, {complete: false}), point(3, {failedTasks: 2, skewed: true})])];
		const table = sweepTable(engines, [1, 2, 3], 2).join('\n');
		for (const mark of ['3*', '±10%', ' !', '✗2', ' ~']) expect(table).toContain(mark);
		expect(sweepMarks(engines, [1, 2, 3], 2)).toBe("(* more units than the 2 cores; ±: half the range of the rounds; !: not every task ended; ✗N: N tasks failed; ~: other programs' load skewed it)");
		expect(sweepMarks([engine([point(1, {roundsMs: [900, 1100], minMs: 900, maxMs: 1100})])], [1], 2)).toBe('(±: half the range of the rounds)');
	});
});
