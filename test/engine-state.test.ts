// The run model's event folds, one function per kind of event, each on a plain engine state;
// and the store's views published from it.
import {describe, expect, it} from 'vitest';
import {
	emptyEngine,
	engineElapsedMs,
	engineEnded,
	engineSampled,
	engineStarted,
	laneOpened,
	laneProgressed,
	taskEnded,
	taskProgressed,
	tasksQueued,
	taskStarted,
	type EngineState,
} from '../source/run-model/engine-state.js';
import {publishView as publishFrom} from '../source/store/publish-view.js';
import type {EngineView} from '../source/store/views.js';

/** Each state's last published view, as the store keeps it. */
const lastViews = new WeakMap<EngineState, EngineView>();
function publishView(state: EngineState): EngineView {
	const view = publishFrom(state, lastViews.get(state), 1, 0);
	lastViews.set(state, view);
	return view;
}

const engine = 'threads' as const;

function runningDraft() {
	const draft = emptyEngine(engine);
	laneOpened(draft, {engine, t: 5, lane: {id: 0, label: 'thread 1', pid: 1, tid: 2}});
	engineStarted(draft, {engine, t: 100, startupMs: 30, hostPid: 42});
	tasksQueued(draft, {engine, t: 100, ids: [0, 1]});
	return draft;
}

describe('engine state folds', () => {
	it('opens lanes, starts, queues: a lane makes a waiting engine "starting", the start makes it run', () => {
		const draft = emptyEngine(engine);
		laneOpened(draft, {engine, t: 5, lane: {id: 0, label: 'thread 1', pid: 1, tid: 2}});
		expect(draft.phase).toBe('starting');
		engineStarted(draft, {engine, t: 100, startupMs: 30, hostPid: 42});
		expect([draft.phase, draft.t0, draft.startupMs]).toEqual(['running', 100, 30]);
		tasksQueued(draft, {engine, t: 100, ids: [0, 1]});
		expect(publishView(draft).tasks.map((task) => task.state)).toEqual(['queued', 'queued']);
	});

	it('runs a task on the engine\'s own time axis, moves only running bars, and counts its end', () => {
		const draft = runningDraft();
		taskStarted(draft, {engine, t: 150, id: 0, lane: 0, pid: 1, tid: 2});
		taskProgressed(draft, {engine, t: 160, ids: [0, 1], values: [0.5, 0.9]});
		expect(draft.tasks.publish().at(0)).toMatchObject({state: 'running', startMs: 50, progress: 0.5});
		expect(draft.tasks.publish().at(1)).toMatchObject({state: 'queued', progress: 0});
		taskEnded(draft, {engine, t: 400, id: 0, ok: true, error: null, cpu: 1, runStartT: null});
		expect(draft.tasks.publish().at(0)).toMatchObject({state: 'done', endMs: 300, progress: 1, cpu: 1});
		expect([draft.done, draft.failed, draft.lastFailure]).toEqual([1, 0, null]);
	});

	it('keeps the last failure in words, and takes a start that arrives with the end', () => {
		const draft = runningDraft();
		taskEnded(draft, {engine, t: 300, id: 1, started: {t: 250, lane: 0, pid: 1, tid: 2}, ok: false, error: 'exited with code 1', cpu: null, runStartT: null});
		expect(draft.tasks.publish().at(1)).toMatchObject({state: 'failed', lane: 0, startMs: 150, endMs: 200, error: 'exited with code 1'});
		expect([draft.done, draft.failed, draft.lastFailure]).toEqual([1, 1, '#1 exited with code 1']);
	});

	it('samples parallelism so far, then takes the measured figures at the end, or the reason it failed', () => {
		const draft = runningDraft();
		engineSampled(draft, {engine, t: 600, cpuMs: 900, loopLagMs: 3});
		expect([draft.parallelism, draft.loopLagMs]).toEqual([1.8, 3]);
		const measurements = {elapsedMs: 1000, cpuMs: 1900, peakRssBytes: 1, startupMs: 30, loopLagMaxMs: 4, loopLagP99Ms: 2, unitsStarted: 2, mainThreadCpuMs: null};
		engineEnded(draft, {engine, t: 1100, measurements, contended: false, error: null});
		expect([draft.phase, engineElapsedMs(draft), draft.parallelism, draft.loopLagMs]).toEqual(['done', 1000, 1.9, 4]);
		expect(publishView(draft)).toMatchObject({elapsedMs: 1000, parallelism: 1.9, error: null});
		const failed = runningDraft();
		engineEnded(failed, {engine, t: 1100, measurements: null, contended: false, error: 'engine host killed by SIGKILL'});
		expect([failed.phase, publishView(failed).error, publishView(failed).elapsedMs]).toEqual(['failed', 'engine host killed by SIGKILL', 1000]);
	});

	it('keeps each lane\'s tasks in start order, its running count and last core as events arrive', () => {
		const draft = runningDraft();
		tasksQueued(draft, {engine, t: 100, ids: [2, 3]});
		taskStarted(draft, {engine, t: 200, id: 0, lane: 0, pid: 1, tid: 2});
		taskStarted(draft, {engine, t: 220, id: 2, lane: 0, pid: 1, tid: 2});
		// A short task's start arrives with its end, after a later start: it goes back in place.
		taskEnded(draft, {engine, t: 215, id: 1, started: {t: 210, lane: 0, pid: 1, tid: 2}, ok: true, error: null, cpu: 3, runStartT: null});
		taskEnded(draft, {engine, t: 300, id: 0, ok: true, error: null, cpu: 1, runStartT: null});
		// Lost before it started: on no lane.
		taskEnded(draft, {engine, t: 300, id: 3, ok: false, error: 'not finished', cpu: null, runStartT: null});
		const activity = publishView(draft).laneActivity.get(0)!;
		expect({...activity, taskIds: activity.taskIds.toArray()}).toEqual({taskIds: [0, 1, 2], running: 1, lastCore: 1, progress: null});
		expect(draft.tasks.publish().at(3)).toMatchObject({lane: null, state: 'failed'});
	});

	it('keeps each lane\'s progress: its one task\'s own, or the mean the host sent per lane', () => {
		const draft = runningDraft();
		taskStarted(draft, {engine, t: 150, id: 0, lane: 0, pid: 1, tid: 2});
		expect(publishView(draft).laneActivity.get(0)!.progress).toBe(0);
		taskProgressed(draft, {engine, t: 160, ids: [0], values: [0.25]});
		expect(publishView(draft).laneActivity.get(0)!.progress).toBe(0.25);
		laneProgressed(draft, {engine, t: 170, lanes: [0], values: [0.625]});
		const view = publishView(draft);
		expect(view.laneActivity.get(0)!.progress).toBe(0.625);
		// Sent per lane, no task's own progress moves: a row per task is never drawn for so many.
		expect(view.tasks.at(0)!.progress).toBe(0.25);
	});

	it('publishes immutable views that share what did not change', () => {
		const draft = runningDraft();
		taskStarted(draft, {engine, t: 150, id: 0, lane: 0, pid: 1, tid: 2});
		const first = publishView(draft);
		expect(Object.isFrozen(first) && Object.isFrozen(first.tasks) && Object.isFrozen(first.laneActivity.get(0))).toBe(true);
		taskProgressed(draft, {engine, t: 160, ids: [0], values: [0.5]});
		const second = publishView(draft);
		expect(first.tasks.at(0)!.progress).toBe(0);
		expect(second.tasks.at(0)!.progress).toBe(0.5);
		expect(second.tasks.at(1)).toEqual(first.tasks.at(1));
		expect(second.lanes).toBe(first.lanes);
		// The lane's progress moved with its task's; its task list is the one already published.
		expect(second.laneActivity.get(0)!.progress).toBe(0.5);
		expect(second.laneActivity.get(0)!.taskIds).toBe(first.laneActivity.get(0)!.taskIds);
	});
});
