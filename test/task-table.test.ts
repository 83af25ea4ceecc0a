// The run model's tasks as columns in chunks: what a published table says never changes,
// and a change copies only its chunk.
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {describe, expect, it} from 'vitest';
import {TaskTable} from '../source/run-model/task-table.js';

/** V8's collector, to measure what stays. */
function gc(): () => void {
	setFlagsFromString('--expose-gc');
	return runInNewContext('gc') as () => void;
}

const queued = {lane: null, state: 'queued', startMs: null, endMs: null, progress: 0, error: null, cpu: null} as const;

describe('TaskTable', () => {
	it('reads back every field as it was set, nulls included', () => {
		const table = new TaskTable();
		table.set(0, queued);
		table.set(1, queued);
		table.set(1, {state: 'failed', lane: 3, startMs: 12.5, endMs: 40.25, progress: 1, error: 'exited with code 1', cpu: 7});
		expect(table.publish().at(0)).toEqual({id: 0, ...queued});
		expect(table.publish().at(1)).toEqual({id: 1, lane: 3, state: 'failed', startMs: 12.5, endMs: 40.25, progress: 1, error: 'exited with code 1', cpu: 7});
		expect(table.publish().at(2)).toBeUndefined();
		expect(table.publish().startMsOf(1)).toBe(12.5);
		expect(table.publish().startMsOf(0)).toBeNull();
		expect(() => table.set(5, queued)).toThrow(RangeError);
	});

	it('a published table keeps what it said while the draft goes on, across chunks', () => {
		const table = new TaskTable();
		for (let id = 0; id < 3000; id++) table.set(id, queued);
		const first = table.publish();
		expect(table.publish()).toBe(first);
		table.set(5, {state: 'running', startMs: 1});
		table.set(2500, {state: 'done', startMs: 2, endMs: 3, progress: 1});
		table.set(3000, queued);
		const second = table.publish();
		expect(first.length).toBe(3000);
		expect(second.length).toBe(3001);
		expect(first.at(5)).toEqual({id: 5, ...queued});
		expect(first.at(2500)).toEqual({id: 2500, ...queued});
		expect(second.at(5)).toMatchObject({state: 'running', startMs: 1});
		expect(second.at(2500)).toMatchObject({state: 'done', endMs: 3, progress: 1});
		expect(second.map((task) => task.state).filter((state) => state !== 'queued')).toEqual(['running', 'done']);
	});

	it('keeps one copy of a reason many tasks failed with', () => {
		const collect = gc();
		const table = new TaskTable();
		collect();
		const before = process.memoryUsage().heapUsed;
		// Strings made apart, as each is parsed from its own message.
		for (let id = 0; id < 100_000; id++) table.set(id, {...queued, state: 'failed', error: ['exited with code', String(id % 2)].join(' ')});
		table.publish();
		collect();
		const perTask = (process.memoryUsage().heapUsed - before) / 100_000;
		expect(table.publish().at(99_999)!.error).toBe('exited with code 1');
		// A slot for each (8 bytes); a string each would add about 40.
		expect(perTask).toBeLessThan(20);
	});

	it('costs bytes a task, not an object each', () => {
		const collect = gc();
		const table = new TaskTable();
		collect();
		const before = process.memoryUsage();
		for (let id = 0; id < 100_000; id++) table.set(id, {...queued, state: 'done', lane: id % 4, startMs: id, endMs: id + 1, progress: 1, cpu: 1});
		table.publish();
		collect();
		const after = process.memoryUsage();
		const bytes = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
		// Ten columns, the view's and the record's: 55 bytes a task; an object per task was about 120 and its slot 8 more.
		expect(bytes / 100_000).toBeLessThan(70);
	});
});
