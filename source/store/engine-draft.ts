import type {
	EngineEndEvent,
	EngineHeldEvent,
	EngineSampleEvent,
	LaneProgressEvent,
	EngineStartEvent,
	LaneOpenEvent,
	TaskEndEvent,
	TaskProgressEvent,
	TaskQueuedEvent,
	TaskStartEvent,
} from '../model/events.js';
import type {EngineName} from '../model/run-config.js';
import {ChunkedList} from './chunked-list.js';
import {TaskTable} from './task-table.js';
import type {EngineView, LaneActivity, TaskView} from './views.js';

type LaneDraft = {taskIds: ChunkedList<number>; running: number; lastCore: number | null; progress: number | null};

/**
 * One engine's state while its events arrive. The folds below change it; `publishView` makes the
 * immutable view the UI reads. Tasks are columns in chunks (store/task-table.ts): a published
 * table shares every chunk that did not change; what changed since the last view is tracked, so
 * publishing copies only that.
 */
export type EngineDraft = {-readonly [K in Exclude<keyof EngineView, 'tasks' | 'lanes' | 'laneActivity'>]: EngineView[K]} & {
	/** Sum and count of the other programs' load over the samples taken while the engine ran. */
	otherLoad: {sum: number; samples: number};
	tasks: TaskTable;
	lanes: Array<EngineView['lanes'][number]>;
	laneDrafts: Map<number, LaneDraft>;
	changes: {lanes: boolean; laneIds: Set<number>};
	/** The view last published from this draft. */
	published: EngineView | undefined;
};

export function emptyEngine(engine: EngineName): EngineDraft {
	return {
		engine,
		phase: 'waiting',
		version: 0,
		t0: null,
		startupMs: 0,
		lanes: [],
		tasks: new TaskTable(),
		laneDrafts: new Map(),
		changes: {lanes: false, laneIds: new Set()},
		published: undefined,
		done: 0,
		failed: 0,
		lastFailure: null,
		elapsedMs: 0,
		parallelism: null,
		loopLagMs: null,
		otherLoadCores: null,
		otherLoad: {sum: 0, samples: 0},
		error: null,
		held: null,
	};
}

/** The view of `draft` to publish: what did not change since the last one is shared with it. */
export function publishView(draft: EngineDraft): EngineView {
	const {changes, laneDrafts, tasks, lanes, published: previous, otherLoad, ...figures} = draft;
	let laneActivity = previous?.laneActivity ?? new Map<number, LaneActivity>();
	if (changes.laneIds.size > 0 || !previous) {
		const next = new Map(laneActivity);
		for (const id of changes.laneIds) {
			const lane = laneDrafts.get(id)!;
			next.set(id, Object.freeze({taskIds: lane.taskIds.publish(), running: lane.running, lastCore: lane.lastCore, progress: lane.progress}));
		}

		laneActivity = next;
	}

	const view: EngineView = {
		...figures,
		tasks: tasks.publish(),
		lanes: changes.lanes || !previous ? Object.freeze([...lanes]) : previous.lanes,
		laneActivity,
	};
	draft.changes = {lanes: false, laneIds: new Set()};
	draft.published = Object.freeze(view);
	return draft.published;
}

function replaceTask(draft: EngineDraft, task: TaskView, changes: Partial<Omit<TaskView, 'id'>>): TaskView {
	draft.tasks.set(task.id, changes);
	return {...task, ...changes};
}

function laneDraft(draft: EngineDraft, lane: number): LaneDraft {
	let found = draft.laneDrafts.get(lane);
	if (!found) {
		found = {taskIds: new ChunkedList(), running: 0, lastCore: null, progress: null};
		draft.laneDrafts.set(lane, found);
	}

	draft.changes.laneIds.add(lane);
	return found;
}

/** Adds a task to its lane's list, kept in start order (a start that arrives late goes back in place). */
function joinLane(draft: EngineDraft, task: TaskView): void {
	if (task.lane === null) return;
	const ids = laneDraft(draft, task.lane).taskIds;
	const startOf = (id: number) => draft.tasks.startMsOf(id) ?? 0;
	let at = ids.length;
	while (at > 0 && startOf(ids.at(at - 1)!) > (task.startMs ?? 0)) at--;
	if (at === ids.length) ids.push(task.id);
	else ids.splice(at, 0, task.id);
}

function leaveLane(draft: EngineDraft, id: number, lane: number): void {
	const found = laneDraft(draft, lane);
	const at = found.taskIds.indexOf(id);
	if (at >= 0) found.taskIds.splice(at, 1);
	found.running--;
}

// Each function below folds one kind of bus event into an engine's draft.

export function engineStarted(draft: EngineDraft, event: EngineStartEvent): void {
	Object.assign(draft, {phase: 'running', t0: event.t, startupMs: event.startupMs});
}

export function laneOpened(draft: EngineDraft, event: LaneOpenEvent): void {
	draft.lanes.push(event.lane);
	draft.changes.lanes = true;
	if (draft.phase === 'waiting') draft.phase = 'starting';
}

export function tasksQueued(draft: EngineDraft, event: TaskQueuedEvent): void {
	for (const id of event.ids) draft.tasks.set(id, {lane: null, state: 'queued', startMs: null, endMs: null, progress: 0, error: null, cpu: null});
}

export function taskStarted(draft: EngineDraft, event: TaskStartEvent): void {
	const task = draft.tasks.at(event.id);
	if (!task || task.state === 'done' || task.state === 'failed') return;
	// Started again elsewhere: it leaves the lane it was on.
	if (task.state === 'running' && task.lane !== null) leaveLane(draft, task.id, task.lane);
	const started = replaceTask(draft, task, {state: 'running', lane: event.lane, startMs: event.t - (draft.t0 ?? event.t)});
	joinLane(draft, started);
	const lane = laneDraft(draft, event.lane);
	lane.running++;
	// The lane's one task now is this one, at its start.
	if (lane.running === 1) lane.progress = 0;
}

export function taskProgressed(draft: EngineDraft, event: TaskProgressEvent): void {
	event.ids.forEach((id, index) => {
		const task = draft.tasks.at(id);
		const value = event.values[index];
		if (task?.state !== 'running' || value === undefined || value === task.progress) return;
		replaceTask(draft, task, {progress: value});
		if (task.lane !== null) laneDraft(draft, task.lane).progress = value;
	});
}

/** Progress sent per lane (more tasks reported than any screen has rows for): each running task's own stays as it was. */
export function laneProgressed(draft: EngineDraft, event: LaneProgressEvent): void {
	event.lanes.forEach((lane, index) => {
		const value = event.values[index];
		if (value !== undefined) laneDraft(draft, lane).progress = value;
	});
}

/** A task's end: its bar closes; done and failed counts, and the last failure's words, follow. */
export function taskEnded(draft: EngineDraft, event: TaskEndEvent): void {
	const task = draft.tasks.at(event.id);
	if (!task || task.state === 'done' || task.state === 'failed') return;
	const t0 = draft.t0 ?? event.t;
	const endMs = event.t - t0;
	// A task too short for its start to be sent alone brings it with its end.
	const started = task.state === 'queued' ? event.started : undefined;
	const ended = replaceTask(draft, task, {
		...(started && {lane: started.lane}),
		state: event.ok ? 'done' : 'failed',
		endMs,
		progress: 1,
		error: event.error,
		cpu: event.cpu,
		startMs: (started ? started.t - t0 : task.startMs) ?? endMs,
	});
	if (started) joinLane(draft, ended);
	if (ended.lane !== null && (task.state === 'running' || started)) {
		const lane = laneDraft(draft, ended.lane);
		if (task.state === 'running') lane.running--;
		// Which task is left, and how far it is, the next report says.
		if (lane.running === 1) lane.progress = null;
		if (event.cpu !== null) lane.lastCore = event.cpu;
	}

	draft.done++;
	if (!event.ok) {
		draft.failed++;
		draft.lastFailure = `#${event.id} ${event.error ?? 'failed'}`;
	}
}

/** Parallelism so far (CPU time / wall time) and the loop's current lag. */
export function engineSampled(draft: EngineDraft, event: EngineSampleEvent): void {
	const elapsed = event.t - (draft.t0 ?? event.t);
	draft.parallelism = elapsed > 0 ? event.cpuMs / elapsed : null;
	draft.loopLagMs = event.loopLagMs;
}

/** A sample of the machine while the engine runs: the other programs' load, averaged over its run. */
export function otherLoadSampled(draft: EngineDraft, otherCores: number): void {
	if (draft.phase !== 'running') return;
	draft.otherLoad.sum += otherCores;
	draft.otherLoad.samples++;
	draft.otherLoadCores = draft.otherLoad.sum / draft.otherLoad.samples;
}

/** The engine's end: its measured figures replace the live ones, or it failed with a reason. */
export function engineHeld(draft: EngineDraft, event: EngineHeldEvent): void {
	draft.held = event.why;
}

export function engineEnded(draft: EngineDraft, event: EngineEndEvent): void {
	const m = event.measurements;
	Object.assign(draft, {
		held: null,
		phase: m ? 'done' : 'failed',
		error: event.error,
		elapsedMs: m?.elapsedMs ?? draft.elapsedMs,
		parallelism: m && m.elapsedMs > 0 ? m.cpuMs / m.elapsedMs : draft.parallelism,
		loopLagMs: m?.loopLagMaxMs ?? draft.loopLagMs,
	});
}
