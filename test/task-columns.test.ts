import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {describe, expect, it} from 'vitest';
import {TaskColumns} from '../source/result/task-columns.js';

describe('the collector\'s task columns', () => {
	it('give each task its record on the engine\'s axis, as the result document writes it', () => {
		const columns = new TaskColumns();
		columns.queue([0, 1, 2, 3], 1000);
		columns.started(0, {t: 1010, lane: 1, pid: 42, tid: 43});
		columns.ended(0, {t: 1030.5, ok: true, error: null, cpu: 1, runStartT: 1012});
		columns.started(1, {t: 1011, lane: 0, pid: 42, tid: null});
		columns.ended(1, {t: 1020, ok: false, error: 'threw 42', cpu: null, runStartT: null});
		columns.started(2, {t: 1040, lane: 0, pid: 42, tid: 44});
		// A task nobody heard of is not a record.
		columns.ended(9, {t: 1050, ok: true, error: null, cpu: 0, runStartT: null});
		const records = columns.records(1000, 'not finished: interrupted');
		expect(records.map((record) => JSON.parse(JSON.stringify(record)) as unknown)).toEqual([
			{id: 0, lane: 1, pid: 42, tid: 43, cpu: 1, queuedMs: 0, startMs: 10, runStartMs: 12, endMs: 30.5, ok: true, error: null},
			{id: 1, lane: 0, pid: 42, tid: null, cpu: null, queuedMs: 0, startMs: 11, runStartMs: 11, endMs: 20, ok: false, error: 'threw 42'},
			{id: 2, lane: 0, pid: 42, tid: 44, cpu: null, queuedMs: 0, startMs: 40, runStartMs: 40, endMs: null, ok: false, error: 'not finished: interrupted'},
			{id: 3, lane: null, pid: null, tid: null, cpu: null, queuedMs: 0, startMs: null, runStartMs: null, endMs: null, ok: false, error: 'not finished: interrupted'},
		]);
		// Read field by field, as the verdict and the trace do.
		expect([records[1]!.ok, records[1]!.error, records[0]!.runStartMs]).toEqual([false, 'threw 42', 12]);
	});

	it('give 100,000 tasks records of about 50 bytes each on the heap', () => {
		const columns = new TaskColumns();
		const ids = Array.from({length: 100_000}, (_, id) => id);
		columns.queue(ids, 0);
		for (const id of ids) {
			columns.started(id, {t: id * 0.5 + 0.123, lane: id % 2, pid: 4242, tid: 4243 + (id % 2)});
			columns.ended(id, {t: id * 0.5 + 0.6, ok: true, error: null, cpu: id % 2, runStartT: null});
		}

		const heapBefore = process.memoryUsage().heapUsed;
		const records = columns.records(0, null);
		const perRecord = (process.memoryUsage().heapUsed - heapBefore) / records.length;
		expect(records).toHaveLength(100_000);
		// Objects with every field of their own (four of them boxed numbers) took about 190 bytes here.
		expect(perRecord).toBeLessThan(100);
	});

	it('keep one copy of a reason many tasks failed with', () => {
		setFlagsFromString('--expose-gc');
		const collect = runInNewContext('gc') as () => void;
		const columns = new TaskColumns();
		const ids = Array.from({length: 100_000}, (_, id) => id);
		columns.queue(ids, 0);
		collect();
		const before = process.memoryUsage().heapUsed;
		// Strings made apart, as each is parsed from its own message.
		for (const id of ids) columns.ended(id, {t: 1, ok: false, error: ['exited with code', String(id % 2)].join(' '), cpu: null, runStartT: null});
		collect();
		const perTask = (process.memoryUsage().heapUsed - before) / ids.length;
		expect(columns.records(0, null)[99_999]!.error).toBe('exited with code 1');
		// A map entry for each (about 30 bytes); a string each would add about 40.
		expect(perTask).toBeLessThan(50);
	});
});
