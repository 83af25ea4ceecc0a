import {describe, expect, it} from 'vitest';
import {laneRow} from '../source/report/text-timeline.js';
import {mostAtOnce as maxOverlap} from '../source/result/evidence.js';
import {laneCells} from './helpers/lane-cells.js';
import type {TaskRecord} from '../source/model/result-types.js';

function task(id: number, startMs: number, endMs: number, ok = true): TaskRecord {
	return {id, lane: 0, pid: 1, tid: 1, cpu: 0, queuedMs: 0, startMs, runStartMs: startMs, endMs, ok, error: ok ? null : 'boom'};
}

describe('text timeline', () => {
	it('alternates glyphs for consecutive tasks so their boundaries show', () => {
		const span = laneRow([task(0, 0, 40), task(1, 40, 80), task(2, 80, 100)], 10, 10);
		expect(span.row).toBe('████▓▓▓▓██');
		expect(span).toMatchObject({taskCount: 3, maxAtOnce: 1});
	});

	it('marks cells where tasks overlap and idle cells', () => {
		const span = laneRow([task(0, 0, 60), task(1, 20, 60)], 8, 10);
		expect(span.row).toBe('██▒▒▒▒··');
		expect(span.maxAtOnce).toBe(2);
	});

	it('marks failed tasks', () => {
		expect(laneRow([task(0, 0, 30, false)], 4, 10).row).toBe('xxx·');
	});

	it('marks a failed task that ran beside others (async overlaps them): without colour, x is all that tells it', () => {
		expect(laneRow([task(0, 0, 60), task(1, 20, 40, false), task(2, 20, 60)], 6, 10).row).toBe('██xx▒▒');
	});

	it('shows a task shorter than a cell', () => {
		expect(laneRow([task(0, 12, 14)], 3, 10).row).toBe('·█·');
	});

	it('draws a lane as the dashboard draws it: one rule for both', () => {
		const tasks = [task(0, 0, 250), task(1, 250, 500), task(2, 400, 700), task(3, 800, 900), task(4, 905, 1000)];
		const report = laneRow(tasks, 20, 50, 1000).row;
		const views = tasks.map((record) => ({...record, state: 'done' as const, progress: 1}));
		const screen = laneCells(views, {axisMs: 1000, cells: 20}, 1000).chars.join('').replaceAll(' ', '·');
		expect(report).toBe(screen);
		expect(report).toBe('█████▓▓▓▒▒▓▓▓▓··██▓▓');
	});

	it('draws a task that never ended until its engine stopped, as failed', () => {
		const unfinished = {...task(0, 20, 0, false), endMs: null};
		expect(laneRow([unfinished], 6, 10, 50).row).toBe('··xxx·');
	});

	it('counts back-to-back tasks as not overlapping', () => {
		expect(maxOverlap([task(0, 0, 10), task(1, 10, 20)])).toBe(1);
		expect(maxOverlap([task(0, 0, 10), task(1, 5, 20), task(2, 6, 7)])).toBe(3);
	});
});
