import {storeFollowing} from './helpers/store-following.js';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {RunBus} from '../source/bus/run-bus.js';
import {initialAxisMs, publishEveryMs} from '../source/store/run-store.js';
import {config, machine, runResult} from './helpers/dashboard-fixtures.js';

describe('the run store', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	function started() {
		const bus = new RunBus();
		const clock = {now: 1000};
		const store = storeFollowing(bus, config, machine, () => clock.now);
		bus.emit('run:start', {runId: 'test-run', config, machine, startedAt: 1000});
		bus.emit('engine:start', {engine: 'async', t: 0, startupMs: 0, hostPid: 42});
		bus.emit('task:queued', {engine: 'async', t: 0, ids: [0, 1, 2, 3]});
		vi.advanceTimersByTime(publishEveryMs);
		return {bus, store, clock};
	}

	it('a run that could not start is idle, not calibrating, and the news says why until the next run', () => {
		const {store} = started();
		store.reset(config);
		expect(store.getSnapshot().phase).toBe('calibrating');
		store.startFailed('-w fs cannot make a folder in /etc/hostname (TMPDIR): ENOTDIR');
		expect(store.getSnapshot()).toMatchObject({phase: 'idle', notice: 'could not start: -w fs cannot make a folder in /etc/hostname (TMPDIR): ENOTDIR'});
		vi.advanceTimersByTime(60_000);
		expect(store.getSnapshot().notice).toMatch(/^could not start/);
		store.reset(config);
		expect(store.getSnapshot().phase).toBe('calibrating');
	});

	it('batches a burst of events into one snapshot per interval', () => {
		const {bus, store} = started();
		const listener = vi.fn();
		store.subscribe(listener);
		for (let id = 0; id < 4; id++) bus.emit('task:start', {engine: 'async', t: 10, id, lane: 0, pid: 1, tid: 1});
		for (let i = 1; i <= 50; i++) bus.emit('task:progress', {engine: 'async', t: 10 + i, ids: [0, 1], values: [i / 100, i / 200]});
		expect(listener).not.toHaveBeenCalled();
		vi.advanceTimersByTime(publishEveryMs);
		expect(listener).toHaveBeenCalledTimes(1);
		const async = store.getSnapshot().engines[0]!;
		expect(async.tasks.map((task) => task.state)).toEqual(['running', 'running', 'running', 'running']);
		expect(async.tasks.at(0)!.progress).toBe(0.5);
		expect(async.tasks.at(1)!.progress).toBe(0.25);
	});

	it('publishes on a steady clock while an engine runs, since its bars move with time', () => {
		const {store, clock} = started();
		const listener = vi.fn();
		store.subscribe(listener);
		clock.now += 1000;
		vi.advanceTimersByTime(10 * publishEveryMs);
		expect(listener).toHaveBeenCalledTimes(10);
		expect(store.getSnapshot().engines[0]!.elapsedMs).toBe(1000);
	});

	it('publishes nothing once the run is over and nothing changes', () => {
		const {bus, store} = started();
		bus.emit('run:end', {result: runResult});
		const listener = vi.fn();
		store.subscribe(listener);
		vi.advanceTimersByTime(10 * publishEveryMs);
		expect(listener).not.toHaveBeenCalled();
	});

	it('never changes a view once published: a snapshot taken mid-run reads the same after more events', () => {
		const {bus, store} = started();
		bus.emit('task:start', {engine: 'async', t: 10, id: 0, lane: 0, pid: 1, tid: 1});
		vi.advanceTimersByTime(publishEveryMs);
		const before = store.getSnapshot().engines[0]!;
		const copy = structuredClone({tasks: before.tasks, laneActivity: before.laneActivity});
		bus.emit('task:progress', {engine: 'async', t: 20, ids: [0], values: [0.5]});
		bus.emit('task:start', {engine: 'async', t: 30, id: 1, lane: 0, pid: 1, tid: 1});
		bus.emit('task:end', {engine: 'async', t: 40, id: 0, ok: true, error: null, cpu: 1, runStartT: null});
		vi.advanceTimersByTime(publishEveryMs);
		expect({tasks: before.tasks, laneActivity: before.laneActivity}).toEqual(copy);
		expect(Object.isFrozen(before.tasks)).toBe(true);
		expect(before.tasks.at(0)).toMatchObject({state: 'running', progress: 0});
		const after = store.getSnapshot().engines[0]!;
		expect(after.tasks.at(0)).toMatchObject({state: 'done', progress: 1});
		const activity = after.laneActivity.get(0)!;
		expect({...activity, taskIds: activity.taskIds.toArray()}).toEqual({taskIds: [0, 1], running: 1, lastCore: 1, progress: null});
	});

	it('keeps the view of an engine that did not change, so its panel does not re-render', () => {
		const {bus, store} = started();
		const before = store.getSnapshot();
		bus.emit('lane:open', {engine: 'threads', t: 5, lane: {id: 0, label: 'thread 1', pid: 2, tid: 3}});
		vi.advanceTimersByTime(publishEveryMs);
		const after = store.getSnapshot();
		expect(after).not.toBe(before);
		expect(after.engines[2]).toBe(before.engines[2]);
		expect(after.engines[1]).not.toBe(before.engines[1]);
	});

	it('records ends, failures and the start carried by a short task end', () => {
		const {bus, store} = started();
		bus.emit('task:end', {engine: 'async', t: 30, id: 2, started: {t: 25, lane: 0, pid: 1, tid: 1}, ok: false, error: 'Error: boom', cpu: 1, runStartT: null});
		vi.advanceTimersByTime(publishEveryMs);
		const view = store.getSnapshot().engines[0]!;
		expect(view.tasks.at(2)).toMatchObject({state: 'failed', startMs: 25, endMs: 30, error: 'Error: boom', cpu: 1});
		expect(view).toMatchObject({done: 1, failed: 1, lastFailure: '#2 Error: boom'});
	});

	it('derives live parallelism from engine samples, and grows the time axis in steps', () => {
		const {bus, store, clock} = started();
		clock.now = 1500;
		bus.emit('engine:sample', {engine: 'async', t: 500, cpuMs: 500, loopLagMs: 480});
		vi.advanceTimersByTime(publishEveryMs);
		expect(store.getSnapshot().engines[0]).toMatchObject({parallelism: 1, loopLagMs: 480, elapsedMs: 500});
		expect(store.getSnapshot().axisMs).toBe(1000);
		clock.now = 3000;
		bus.emit('engine:sample', {engine: 'async', t: 2000, cpuMs: 2000, loopLagMs: 0});
		vi.advanceTimersByTime(publishEveryMs);
		const {axisMs, engines} = store.getSnapshot();
		expect(engines[0]!.elapsedMs).toBe(2000);
		expect(axisMs).toBe(2250);
	});

	it('starts the axis at the run\'s expected length, so bars do not jump mid-run (8 × 300 ms cpu: 3 s)', () => {
		const bus = new RunBus();
		const clock = {now: 1000};
		const long = {...config, tasks: 8, taskMs: 300};
		const store = storeFollowing(bus, long, machine, () => clock.now);
		expect(store.getSnapshot().axisMs).toBe(3000);
		bus.emit('run:start', {runId: 'test-run', config: long, machine, startedAt: 1000});
		bus.emit('engine:start', {engine: 'async', t: 0, startupMs: 0, hostPid: 42});
		clock.now = 3460;
		vi.advanceTimersByTime(publishEveryMs);
		expect(store.getSnapshot().engines[0]!.elapsedMs).toBe(2460);
		expect(store.getSnapshot().axisMs).toBe(3000);
		expect(initialAxisMs({...long, workload: 'module'}, 2)).toBe(1000);
	});
});
