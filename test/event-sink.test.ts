import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {TaskEndEvent, TaskStartEvent, WireEvent} from '../source/model/events.js';
import {batchEveryMs, EventSink, perTaskProgressMax} from '../source/engines/host/event-sink.js';
import {forEachTaskEnd, forEachTaskStart, type HostWireEvent} from '../source/model/task-batches.js';
import type {Clock} from '../source/util/own-globals.js';

// The sink keeps its own timers (a task module may replace the globals): here it is given the
// globals as they are at each call, so vi's fake timers drive it.
const fakeableClock: Clock = {
	setInterval: (callback, ms) => setInterval(callback, ms),
	clearInterval: (timer) => {
		clearInterval(timer);
	},
	now: () => performance.now(),
};

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
		const batches: HostWireEvent[][] = [];
		const sink = new EventSink('async', (events) => batches.push(events), undefined, batchEveryMs, fakeableClock);
		vi.advanceTimersByTime(batchEveryMs + 10);
		batches.length = 0;
		sink.emit(start(0));
		sink.emit(start(1));
		expect(batches).toHaveLength(0);
		vi.advanceTimersByTime(batchEveryMs);
		expect(batches).toHaveLength(1);
		// Consecutive starts travel as one columnar batch.
		expect(batches[0]!.map((event) => event.name)).toEqual(['task:starts']);
		const [starts] = batches[0]!;
		expect(starts?.name === 'task:starts' && starts.data.ids).toEqual([0, 1]);
		sink.close();
	});

	it('coalesces progress to the latest value per task, after the other events', () => {
		const batches: HostWireEvent[][] = [];
		const sink = new EventSink('async', (events) => batches.push(events), undefined, batchEveryMs, fakeableClock);
		vi.advanceTimersByTime(batchEveryMs + 10);
		sink.emit(start(0));
		for (const fraction of [0.1, 0.2, 0.3]) sink.reportProgress(0, fraction);
		sink.reportProgress(1, 0.5);
		vi.advanceTimersByTime(batchEveryMs);
		const batch = batches.at(-1)!;
		expect(batch.map((event) => event.name)).toEqual(['task:starts', 'task:progress']);
		const progress = batch[1]!;
		expect(progress.name === 'task:progress' && progress.data).toMatchObject({ids: [0, 1], values: [0.3, 0.5]});
		sink.close();
	});

	it('sends progress per lane, each lane its mean, once more tasks report than any screen has rows for', () => {
		const batches: HostWireEvent[][] = [];
		const sink = new EventSink('async', (events) => batches.push(events), undefined, batchEveryMs, fakeableClock);
		vi.advanceTimersByTime(batchEveryMs + 10);
		const tasks = perTaskProgressMax + 1;
		for (let id = 0; id < tasks; id++) sink.emit({name: 'task:start', data: {engine: 'async', t: 0, id, lane: id % 2, pid: 1, tid: 1}});
		vi.advanceTimersByTime(batchEveryMs);
		// Lane 0 holds the even ids, lane 1 the odd: each at its id ÷ 1,000.
		for (let id = 0; id < tasks; id++) sink.reportProgress(id, id / 1000);
		vi.advanceTimersByTime(batchEveryMs);
		const [progress] = batches.at(-1)!;
		const mean = (lane: number) => {
			const ids = Array.from({length: tasks}, (_, id) => id).filter((id) => id % 2 === lane);
			return Math.round((ids.reduce((sum, id) => sum + id / 1000, 0) / ids.length) * 1000) / 1000;
		};

		expect(progress).toEqual({name: 'lane:progress', data: {engine: 'async', t: expect.any(Number) as unknown, lanes: [0, 1], values: [mean(0), mean(1)]}});
		// As many as a screen could show: per task.
		for (let id = 0; id < perTaskProgressMax; id++) sink.reportProgress(id, 0.5);
		vi.advanceTimersByTime(batchEveryMs);
		const [perTask] = batches.at(-1)!;
		expect(perTask?.name === 'task:progress' && perTask.data.ids).toHaveLength(perTaskProgressMax);
		sink.close();
	});

	it('drops stale progress of a task that has ended', () => {
		const batches: HostWireEvent[][] = [];
		const sink = new EventSink('async', (events) => batches.push(events), undefined, batchEveryMs, fakeableClock);
		vi.advanceTimersByTime(batchEveryMs + 10);
		sink.reportProgress(0, 0.9);
		sink.emit(end(0));
		sink.close();
		expect(batches.flat().map((event) => event.name)).toEqual(['task:ends']);
	});

	it('flushes from emit itself when the timer cannot fire (a loop blocked by CPU work)', () => {
		const batches: HostWireEvent[][] = [];
		const sink = new EventSink('async', (events) => batches.push(events), undefined, batchEveryMs, fakeableClock);
		// Time passes without timers running, as while a synchronous task holds the loop.
		vi.setSystemTime(Date.now() + batchEveryMs + 30);
		vi.spyOn(performance, 'now').mockReturnValue(performance.now() + batchEveryMs + 30);
		sink.emit(start(0));
		expect(batches).toHaveLength(1);
		sink.close();
	});

	it('sends task starts and ends as columnar batches that read back as the same events, starts first', () => {
		const batches: HostWireEvent[][] = [];
		const sink = new EventSink('threads', (events) => batches.push(events), undefined, batchEveryMs, fakeableClock);
		const base = 1_795_000_000_000.123;
		const ends: TaskEndEvent[] = [
			{engine: 'threads', t: base + 1.5, id: 0, started: {t: base + 0.25, lane: 1, pid: 42, tid: 43}, ok: true, error: null, cpu: 1, runStartT: null},
			{engine: 'threads', t: base + 2.75, id: 1, ok: false, error: 'threw 42', cpu: null, runStartT: null},
			{engine: 'threads', t: base + 9, id: 3, ok: true, error: null, cpu: 0, runStartT: base + 4},
		];
		sink.emit({name: 'task:end', data: ends[0]!});
		sink.emit({name: 'task:end', data: ends[1]!});
		const started: TaskStartEvent = {engine: 'threads', t: base + 3.25, id: 3, lane: 0, pid: 42, tid: 44};
		sink.emit({name: 'task:start', data: started});
		sink.emit({name: 'task:end', data: ends[2]!});
		sink.close();
		const sent = batches.flat();
		expect(sent.map((event) => event.name)).toEqual(['task:starts', 'task:ends']);
		const read: TaskEndEvent[] = [];
		const readStarts: TaskStartEvent[] = [];
		for (const event of sent) {
			if (event.name === 'task:ends') forEachTaskEnd(event.data, base, (each) => read.push(each));
			if (event.name === 'task:starts') forEachTaskStart(event.data, base, (each) => readStarts.push(each));
		}

		expect(readStarts).toEqual([{...started, t: 3.25}]);
		// On the run's axis (ms since `base`), to the microsecond.
		const onAxis = (t: number) => Math.round((t - base) * 1000) / 1000;
		expect(read.map((each) => ({...each, t: onAxis(each.t + base)}))).toEqual(
			ends.map((each) => ({
				...each,
				t: onAxis(each.t),
				...(each.started && {started: {...each.started, t: onAxis(each.started.t)}}),
				runStartT: each.runStartT === null ? null : onAxis(each.runStartT),
			})),
		);
	});

	it('a pool of tiny tasks (starts and ends interleaved): two batches a stretch, each start before its end, under 100 bytes a task', () => {
		const batches: HostWireEvent[][] = [];
		const sink = new EventSink('threads', (events) => batches.push(events), undefined, batchEveryMs, fakeableClock);
		const base = 1_795_000_000_000;
		// Two units: start 0, start 1, end 0, start 2, end 1, start 3, ...
		const events: WireEvent[] = [];
		for (let id = 0; id < 1000; id++) {
			events.push({name: 'task:start', data: {engine: 'threads', t: base + id * 0.5, id, lane: id % 2, pid: 31_234, tid: 31_235 + (id % 2)}});
			if (id > 0) events.push({name: 'task:end', data: {engine: 'threads', t: base + id * 0.5 + 0.4, id: id - 1, ok: true, error: null, cpu: id % 2, runStartT: null}});
		}

		for (const event of events) sink.emit(event);
		sink.emit({name: 'lane:open', data: {engine: 'threads', t: base + 600, lane: {id: 2, label: 'thread 3', pid: 31_234, tid: 31_237}}});
		sink.emit({name: 'task:end', data: {engine: 'threads', t: base + 601, id: 999, ok: true, error: null, cpu: 0, runStartT: null}});
		sink.close();
		const sent = batches.flat();
		expect(sent.map((event) => event.name)).toEqual(['task:starts', 'task:ends', 'lane:open', 'task:ends']);
		const seen: string[] = [];
		for (const event of sent) {
			if (event.name === 'task:starts') forEachTaskStart(event.data, base, (each) => seen.push(`start ${each.id}`));
			if (event.name === 'task:ends') forEachTaskEnd(event.data, base, (each) => seen.push(`end ${each.id}`));
		}

		for (let id = 0; id < 1000; id++) expect(seen.indexOf(`start ${id}`)).toBeLessThan(seen.indexOf(`end ${id}`));
		expect(seen.filter((each) => each.startsWith('end'))).toHaveLength(1000);
		const bytes = JSON.stringify(sent.filter((event) => event.name !== 'lane:open')).length;
		expect(bytes / 1000).toBeLessThan(100);
	});

	it('costs a fraction of the bytes of an object per task end', () => {
		const batches: HostWireEvent[][] = [];
		const sink = new EventSink('processes', (events) => batches.push(events), undefined, batchEveryMs, fakeableClock);
		const base = 1_795_000_000_000;
		const ends: WireEvent[] = Array.from({length: 1000}, (_, id) => ({
			name: 'task:end',
			data: {engine: 'processes', t: base + id * 0.0431, id, started: {t: base + id * 0.0431 - 0.0173, lane: id % 2, pid: 31_234 + (id % 2), tid: 31_234 + (id % 2)}, ok: true, error: null, cpu: id % 2, runStartT: null},
		}));
		for (const event of ends) sink.emit(event);
		sink.close();
		const compact = JSON.stringify(batches.flat().filter((event) => event.name === 'task:ends')).length;
		const objects = JSON.stringify(ends).length;
		expect(compact).toBeLessThan(objects / 3);
	});
});
