// The result document's task records, read from the run model's columns (the ones the dashboard
// draws from): every field as the folds set it, on the engine's axis.
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {describe, expect, it} from 'vitest';
import {emptyEngine, engineStarted, taskEnded, tasksQueued, taskStarted} from '../source/run-model/engine-state.js';
import {taskRecords} from '../source/run-model/task-records.js';

const engine = 'threads' as const;

function gc(): () => void {
	setFlagsFromString('--expose-gc');
	return runInNewContext('gc') as () => void;
}

describe('task records', () => {
	it('give each task its record on the engine\'s axis, as the result document writes it', () => {
		const state = emptyEngine(engine);
		engineStarted(state, {engine, t: 1000, startupMs: 5, hostPid: 42});
		tasksQueued(state, {engine, t: 1000, ids: [0, 1, 2, 3]});
		taskStarted(state, {engine, t: 1010, id: 0, lane: 1, pid: 42, tid: 43});
		taskEnded(state, {engine, t: 1030.5, id: 0, ok: true, error: null, cpu: 1, runStartT: 1012});
		taskStarted(state, {engine, t: 1011, id: 1, lane: 0, pid: 42, tid: null});
		taskEnded(state, {engine, t: 1020, id: 1, ok: false, error: 'threw 42', cpu: null, runStartT: null});
		// A second end of the same task is stale: the first one stands, as the dashboard showed it.
		taskEnded(state, {engine, t: 1025, id: 1, ok: true, error: null, cpu: 0, runStartT: null});
		taskStarted(state, {engine, t: 1040, id: 2, lane: 0, pid: 42, tid: 44});
		// A task nobody heard of is not a record.
		taskEnded(state, {engine, t: 1050, id: 9, ok: true, error: null, cpu: 0, runStartT: null});
		// Five configured: the fifth was never queued (its engine stopped first) and still has its record.
		const records = taskRecords(state.tasks.publish(), 5, 'not finished: interrupted');
		expect(records.map((record) => JSON.parse(JSON.stringify(record)) as unknown)).toEqual([
			{id: 0, lane: 1, pid: 42, tid: 43, cpu: 1, queuedMs: 0, startMs: 10, runStartMs: 12, endMs: 30.5, ok: true, error: null},
			{id: 1, lane: 0, pid: 42, tid: null, cpu: null, queuedMs: 0, startMs: 11, runStartMs: 11, endMs: 20, ok: false, error: 'threw 42'},
			{id: 2, lane: 0, pid: 42, tid: 44, cpu: null, queuedMs: 0, startMs: 40, runStartMs: 40, endMs: null, ok: false, error: 'not finished: interrupted'},
			{id: 3, lane: null, pid: null, tid: null, cpu: null, queuedMs: 0, startMs: null, runStartMs: null, endMs: null, ok: false, error: 'not finished: interrupted'},
			{id: 4, lane: null, pid: null, tid: null, cpu: null, queuedMs: 0, startMs: null, runStartMs: null, endMs: null, ok: false, error: 'not finished: interrupted'},
		]);
		// Read field by field, as the verdict and the trace do.
		expect([records[1]!.ok, records[1]!.error, records[0]!.runStartMs]).toEqual([false, 'threw 42', 12]);
		// The dashboard's view of the same task reads the same columns.
		expect(state.tasks.publish().at(1)).toMatchObject({state: 'failed', startMs: 11, endMs: 20, error: 'threw 42'});
	});

	it('give 100,000 tasks records of well under 100 bytes each on the heap', () => {
		const state = emptyEngine(engine);
		engineStarted(state, {engine, t: 0, startupMs: 0, hostPid: 4242});
		const ids = Array.from({length: 100_000}, (_, id) => id);
		tasksQueued(state, {engine, t: 0, ids});
		for (const id of ids) {
			taskStarted(state, {engine, t: id * 0.5 + 0.123, id, lane: id % 2, pid: 4242, tid: 4243 + (id % 2)});
			taskEnded(state, {engine, t: id * 0.5 + 0.6, id, ok: true, error: null, cpu: id % 2, runStartT: null});
		}

		const table = state.tasks.publish();
		const heapBefore = process.memoryUsage().heapUsed;
		const records = taskRecords(table, 100_000, null);
		const perRecord = (process.memoryUsage().heapUsed - heapBefore) / records.length;
		expect(records).toHaveLength(100_000);
		// Objects with every field of their own (four of them boxed numbers) took about 190 bytes here.
		expect(perRecord).toBeLessThan(100);
	});

	it('keep one copy of a reason many tasks failed with', () => {
		const collect = gc();
		const state = emptyEngine(engine);
		const ids = Array.from({length: 100_000}, (_, id) => id);
		tasksQueued(state, {engine, t: 0, ids});
		collect();
		const before = process.memoryUsage().heapUsed;
		// Strings made apart, as each is parsed from its own message.
		for (const id of ids) taskEnded(state, {engine, t: 1, id, ok: false, error: ['exited with code', String(id % 2)].join(' '), cpu: null, runStartT: null});
		collect();
		const perTask = (process.memoryUsage().heapUsed - before) / ids.length;
		expect(taskRecords(state.tasks.publish(), 100_000, null)[99_999]!.error).toBe('exited with code 1');
		// A slot for each (8 bytes); a string each would add about 40.
		expect(perTask).toBeLessThan(20);
	});
});
