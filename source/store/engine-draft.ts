import type {
	EngineEndEvent,
	EngineSampleEvent,
	EngineStartEvent,
	LaneOpenEvent,
	TaskEndEvent,
	TaskProgressEvent,
	TaskQueuedEvent,
	TaskStartEvent,
} from '../model/events.js';
import type {EngineName} from '../model/run-config.js';
import type {EngineView, TaskView} from './views.js';

type MutableTask = {-readonly [K in keyof TaskView]: TaskView[K]};

/** One engine's view while its events arrive: the store folds events into it, then publishes a copy. */
export type EngineDraft = {-readonly [K in Exclude<keyof EngineView, 'tasks' | 'lanes'>]: EngineView[K]} & {
	tasks: MutableTask[];
	lanes: Array<EngineView['lanes'][number]>;
};

export function emptyEngine(engine: EngineName): EngineDraft {
	return {
		engine,
		phase: 'waiting',
		version: 0,
		t0: null,
		startupMs: 0,
		lanes: [],
		tasks: [],
		done: 0,
		failed: 0,
		lastFailure: null,
		elapsedMs: 0,
		parallelism: null,
		loopLagMs: null,
		error: null,
	};
}

// Each function below folds one kind of bus event into an engine's draft.

export function engineStarted(draft: EngineDraft, event: EngineStartEvent): void {
	Object.assign(draft, {phase: 'running', t0: event.t, startupMs: event.startupMs});
}

export function laneOpened(draft: EngineDraft, event: LaneOpenEvent): void {
	draft.lanes.push(event.lane);
	if (draft.phase === 'waiting') draft.phase = 'starting';
}

export function tasksQueued(draft: EngineDraft, event: TaskQueuedEvent): void {
	for (const id of event.ids) draft.tasks[id] = {id, lane: null, state: 'queued', startMs: null, endMs: null, progress: 0, error: null, cpu: null};
}

export function taskStarted(draft: EngineDraft, event: TaskStartEvent): void {
	const task = draft.tasks[event.id];
	if (!task) return;
	Object.assign(task, {state: 'running', lane: event.lane, startMs: event.t - (draft.t0 ?? event.t)});
}

export function taskProgressed(draft: EngineDraft, event: TaskProgressEvent): void {
	event.ids.forEach((id, index) => {
		const task = draft.tasks[id];
		if (task?.state === 'running') task.progress = event.values[index] ?? task.progress;
	});
}

/** A task's end: its bar closes; done and failed counts, and the last failure's words, follow. */
export function taskEnded(draft: EngineDraft, event: TaskEndEvent): void {
	const task = draft.tasks[event.id];
	if (!task) return;
	const t0 = draft.t0 ?? event.t;
	if (event.started) Object.assign(task, {lane: event.started.lane, startMs: event.started.t - t0});
	Object.assign(task, {state: event.ok ? 'done' : 'failed', endMs: event.t - t0, progress: 1, error: event.error, cpu: event.cpu});
	task.startMs ??= task.endMs;
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

/** The engine's end: its measured figures replace the live ones, or it failed with a reason. */
export function engineEnded(draft: EngineDraft, event: EngineEndEvent): void {
	const m = event.measurements;
	Object.assign(draft, {
		phase: m ? 'done' : 'failed',
		error: event.error,
		elapsedMs: m?.elapsedMs ?? draft.elapsedMs,
		parallelism: m && m.elapsedMs > 0 ? m.cpuMs / m.elapsedMs : draft.parallelism,
		loopLagMs: m?.loopLagMaxMs ?? draft.loopLagMs,
	});
}
