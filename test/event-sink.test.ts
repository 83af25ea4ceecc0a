import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {WireEvent} from '../source/model/events.js';
import {batchEveryMs, EventSink} from '../source/engines/host/event-sink.js';

const start = (id: number): WireEvent => ({name: 'task:start', data: {engine: 'async', t: 0, id, lane: 0, pid: 1, tid: 1}});
const end = (id: number): WireEvent => ({name: 'task:end', data: {engine: 'async', t: 0, id, ok: true, error: null, cpu: 0, runStartT: null}});

describe('the host event sink', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('sends events in batches every 100 ms, not one by one', () => {
		const batches: WireEvent[][] = [];
		const sink = new EventSink('async', (events) => batches.push(events));
		vi.advanceTimersByTime(batchEveryMs + 10);
		batches.length = 0;
		sink.emit(start(0));
		sink.emit(start(1));
		expect(batches).toHaveLength(0);
		vi.advanceTimersByTime(batchEveryMs);
		expect(batches).toHaveLength(1);
		expect(batches[0]!.map((event) => event.name)).toEqual(['task:start', 'task:start']);
		sink.close();
	});

	it('coalesces progress to the latest value per task, after the other events', () => {
		const batches: WireEvent[][] = [];
		const sink = new EventSink('async', (events) => batches.push(events));
		vi.advanceTimersByTime(batchEveryMs + 10);
		sink.emit(start(0));
		for (const fraction of [0.1, 0.2, 0.3]) sink.reportProgress(0, fraction);
		sink.reportProgress(1, 0.5);
		vi.advanceTimersByTime(batchEveryMs);
		const batch = batches.at(-1)!;
		expect(batch.map((event) => event.name)).toEqual(['task:start', 'task:progress']);
		const progress = batch[1]!;
		expect(progress.name === 'task:progress' && progress.data).toMatchObject({ids: [0, 1], values: [0.3, 0.5]});
		sink.close();
	});

	it('drops stale progress of a task that has ended', () => {
		const batches: WireEvent[][] = [];
		const sink = new EventSink('async', (events) => batches.push(events));
		vi.advanceTimersByTime(batchEveryMs + 10);
		sink.reportProgress(0, 0.9);
		sink.emit(end(0));
		sink.close();
		expect(batches.flat().map((event) => event.name)).toEqual(['task:end']);
	});

	it('flushes from emit itself when the timer cannot fire (a loop blocked by CPU work)', () => {
		const batches: WireEvent[][] = [];
		const sink = new EventSink('async', (events) => batches.push(events));
		// Time passes without timers running, as while a synchronous task holds the loop.
		vi.setSystemTime(Date.now() + batchEveryMs + 30);
		vi.spyOn(performance, 'now').mockReturnValue(performance.now() + batchEveryMs + 30);
		sink.emit(start(0));
		expect(batches).toHaveLength(1);
		sink.close();
	});
});
