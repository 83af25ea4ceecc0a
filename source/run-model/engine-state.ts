import type {
	EngineEndEvent,
	EngineHeldEvent,
	EngineSampleEvent,
	EngineStartEvent,
	NetServedEvent,
	ServedRequest,
	LaneInfo,
	LaneOpenEvent,
	LaneProgressEvent,
	TaskEndEvent,
	TaskProgressEvent,
	TaskQueuedEvent,
	TaskStartEvent,
} from '../model/events.js';
import type {LoopLagSample, ThreadCpu} from '../model/result-types.js';
import type {EngineName} from '../model/run-config.js';
import {ChunkedList} from './chunked-list.js';
import {TaskTable} from './task-table.js';

export type EnginePhase = 'waiting' | 'starting' | 'running' | 'done' | 'failed';

/** What one lane has run so far, kept up to date as events arrive (never by walking every task). */
type LaneState = {
	/** Ids of the tasks that ran on the lane, in the order they started. */
	readonly taskIds: ChunkedList<number>;
	/** Tasks running on the lane now. */
	running: number;
	/** The core the lane's last ended task last ran on (Linux), or null. */
	lastCore: number | null;
	/** The latest progress (0..1) of the lane's running tasks; null when none reported. */
	progress: number | null;
};

/**
 * One engine in one round, as its events arrive: the one fold of the bus that both the
 * dashboard's store publishes from and the result document is built from. Each function below
 * folds one kind of event. `changes` says what moved since the store last took it.
 */
export type EngineState = {
	readonly engine: EngineName;
	phase: EnginePhase;
	/** Engine start on the run's axis (ms since the run started); null until it starts. */
	t0: number | null;
	hostPid: number | null;
	startupMs: number;
	readonly lanes: LaneInfo[];
	readonly tasks: TaskTable;
	/** Per lane, what it ran: kept only for a screen that draws lanes (null in a headless run, which has none). */
	readonly laneStates: Map<number, LaneState> | null;
	/** Tasks ended, and of them failed. */
	done: number;
	failed: number;
	/** Why the task that failed last failed: shown the moment it happens, not only at the end. */
	lastFailure: string | null;
	/** CPU time ÷ wall time so far, and the loop's lag, from the engine's latest sample. */
	parallelism: number | null;
	loopLagMs: number | null;
	/** CPU ms its host and units had used by its latest sample: what is known of an engine stopped before it reported its own. */
	sampledCpuMs: number;
	/** Every loop lag sample, on the run's axis. */
	readonly lag: LoopLagSample[];
	/** The other programs' load over the machine samples taken while the engine ran. */
	readonly otherLoad: {sum: number; samples: number};
	/** Why the engine waits on something outside it (its process stopped); null while it does not. */
	held: string | null;
	/** The engine's end as its host reported it, or null while it runs. */
	end: EngineEndEvent | null;
	/** libuv's pool size in force in its host, as the host told at its start; null until then. */
	uvThreads: number | null;
	/** Each OS thread seen while it ran, by tid, with the most CPU it was seen to have used. */
	readonly threadCpu: Map<number, ThreadCpu>;
	/** `-w net`: what the delay server answered for this engine, on the run's axis; null until told. */
	served: readonly ServedRequest[] | null;
	changes: {lanes: boolean; laneIds: Set<number>};
};

export function emptyEngine(engine: EngineName, laneActivity = true): EngineState {
	return {
		engine,
		phase: 'waiting',
		t0: null,
		hostPid: null,
		startupMs: 0,
		lanes: [],
		tasks: new TaskTable(),
		laneStates: laneActivity ? new Map() : null,
		done: 0,
		failed: 0,
		lastFailure: null,
		parallelism: null,
		loopLagMs: null,
		sampledCpuMs: 0,
		lag: [],
		otherLoad: {sum: 0, samples: 0},
		held: null,
		end: null,
		uvThreads: null,
		threadCpu: new Map(),
		served: null,
		changes: {lanes: false, laneIds: new Set()},
	};
}

/** How long the engine ran: its host's own measurement, or for as long as it was watched when it was stopped first. */
export function engineElapsedMs(state: EngineState): number {
	const {end, t0} = state;
	return end?.measurements?.elapsedMs ?? (t0 !== null && end ? Math.max(0, end.t - t0) : 0);
}

/** Cores' worth of CPU other programs used, on average, while the engine ran; null until sampled. */
export function otherLoadCores(state: EngineState): number | null {
	return state.otherLoad.samples > 0 ? state.otherLoad.sum / state.otherLoad.samples : null;
}

/** Where the folds write a lane's figures when no lane activity is kept: written, never read. */
const unkeptLane: LaneState = {taskIds: new ChunkedList(), running: 0, lastCore: null, progress: null};

function laneState(state: EngineState, lane: number): LaneState {
	if (!state.laneStates) return unkeptLane;
	let found = state.laneStates.get(lane);
	if (!found) {
		found = {taskIds: new ChunkedList(), running: 0, lastCore: null, progress: null};
		state.laneStates.set(lane, found);
	}

	state.changes.laneIds.add(lane);
	return found;
}

/** Adds a task to its lane's list, kept in start order (a start that arrives late goes back in place). */
function joinLane(state: EngineState, id: number, lane: number): void {
	if (!state.laneStates) return;
	const ids = laneState(state, lane).taskIds;
	const startOf = (task: number) => state.tasks.timeOf('startMs', task) ?? 0;
	const start = startOf(id);
	let at = ids.length;
	while (at > 0 && startOf(ids.at(at - 1)!) > start) at--;
	if (at === ids.length) ids.push(id);
	else ids.splice(at, 0, id);
}

function leaveLane(state: EngineState, id: number, lane: number): void {
	if (!state.laneStates) return;
	const found = laneState(state, lane);
	const at = found.taskIds.indexOf(id);
	if (at >= 0) found.taskIds.splice(at, 1);
	found.running--;
}

function hasEnded(state: EngineState, id: number): boolean {
	if (id >= state.tasks.length) return true;
	const task = state.tasks.stateOf(id);
	return task === 'done' || task === 'failed';
}

export function engineStarted(state: EngineState, event: EngineStartEvent): void {
	Object.assign(state, {phase: 'running', t0: event.t, startupMs: event.startupMs, hostPid: event.hostPid, uvThreads: event.uvThreads ?? null});
	state.tasks.setOrigin(event.t);
}

export function laneOpened(state: EngineState, event: LaneOpenEvent): void {
	state.lanes.push(event.lane);
	state.changes.lanes = true;
	if (state.phase === 'waiting') state.phase = 'starting';
}

export function tasksQueued(state: EngineState, event: TaskQueuedEvent): void {
	for (const id of event.ids) state.tasks.queue(id, event.t);
}

/** A start; one that arrives after its task ended is stale and changes nothing. */
export function taskStarted(state: EngineState, event: TaskStartEvent): void {
	const {tasks} = state;
	if (hasEnded(state, event.id)) return;
	// Started again elsewhere: it leaves the lane it was on.
	const previousLane = tasks.intOf('lane', event.id);
	if (tasks.stateOf(event.id) === 'running' && previousLane !== null) leaveLane(state, event.id, previousLane);
	tasks.start(event.id, event.t, event.lane, event.pid, event.tid);
	joinLane(state, event.id, event.lane);
	const lane = laneState(state, event.lane);
	lane.running++;
	// The lane's one task now is this one, at its start.
	if (lane.running === 1) lane.progress = 0;
}

export function taskProgressed(state: EngineState, event: TaskProgressEvent): void {
	for (let index = 0; index < event.ids.length; index++) {
		const id = event.ids[index]!;
		const value = event.values[index];
		if (state.tasks.stateOf(id) !== 'running' || value === undefined || value === state.tasks.progressOf(id)) continue;
		state.tasks.setProgress(id, value);
		const lane = state.tasks.intOf('lane', id);
		if (lane !== null) laneState(state, lane).progress = value;
	}
}

/** Progress sent per lane (more tasks reported than any screen has rows for): each running task's own stays as it was. */
export function laneProgressed(state: EngineState, event: LaneProgressEvent): void {
	event.lanes.forEach((lane, index) => {
		const value = event.values[index];
		if (value !== undefined) laneState(state, lane).progress = value;
	});
}

/** A task's end (the first one heard: a later one is stale): its bar closes; done and failed counts, and the last failure's words, follow. */
export function taskEnded(state: EngineState, event: TaskEndEvent): void {
	const {tasks} = state;
	if (hasEnded(state, event.id)) return;
	const wasRunning = tasks.stateOf(event.id) === 'running';
	// A task too short for its start to be sent alone brings it with its end.
	const {started} = event;
	if (started && !wasRunning) tasks.start(event.id, started.t, started.lane, started.pid, started.tid, false);
	tasks.end(event.id, event.t, event.ok, event.error, event.cpu, event.runStartT);
	const laneId = tasks.intOf('lane', event.id);
	if (started && !wasRunning && laneId !== null) joinLane(state, event.id, laneId);
	if (laneId !== null && (wasRunning || started)) {
		const lane = laneState(state, laneId);
		if (wasRunning) lane.running--;
		// Which task is left, and how far it is, the next report says.
		if (lane.running === 1) lane.progress = null;
		if (event.cpu !== null) lane.lastCore = event.cpu;
	}

	state.done++;
	if (!event.ok) {
		state.failed++;
		state.lastFailure = `#${event.id} ${event.error ?? 'failed'}`;
	}
}

/** Parallelism so far (CPU time / wall time) and the loop's current lag. */
export function engineSampled(state: EngineState, event: EngineSampleEvent): void {
	const elapsed = event.t - (state.t0 ?? event.t);
	state.parallelism = elapsed > 0 ? event.cpuMs / elapsed : null;
	state.sampledCpuMs = event.cpuMs;
	state.loopLagMs = event.loopLagMs;
	state.lag.push({t: event.t, lagMs: event.loopLagMs});
}

/** A sample of the machine while the engine runs: the other programs' load, averaged over its run. */
export function otherLoadSampled(state: EngineState, otherCores: number): void {
	if (state.phase !== 'running') return;
	state.otherLoad.sum += otherCores;
	state.otherLoad.samples++;
}

/** A machine sample's reading of the engine's threads: each thread's CPU so far (kept at its most: a reading never goes back). */
export function threadsSampled(state: EngineState, threads: readonly ThreadCpu[]): void {
	if (state.phase !== 'running') return;
	for (const thread of threads) {
		const known = state.threadCpu.get(thread.tid);
		if (!known || thread.cpuMs >= known.cpuMs) state.threadCpu.set(thread.tid, thread);
	}
}

export function netServed(state: EngineState, event: NetServedEvent): void {
	state.served = event.requests;
}

export function engineHeld(state: EngineState, event: EngineHeldEvent): void {
	state.held = event.why;
}

/** The engine's end: its measured figures replace the live ones, or it failed with a reason. */
export function engineEnded(state: EngineState, event: EngineEndEvent): void {
	const m = event.measurements;
	state.end = event;
	state.held = null;
	state.phase = m ? 'done' : 'failed';
	if (m && m.elapsedMs > 0) state.parallelism = m.cpuMs / m.elapsedMs;
	if (m) state.loopLagMs = m.loopLagMaxMs;
	if (event.threads) {
		// The last reading, then each thread's CPU over the run: less what it had used by the start.
		for (const thread of event.threads.atEnd) {
			const known = state.threadCpu.get(thread.tid);
			if (!known || thread.cpuMs >= known.cpuMs) state.threadCpu.set(thread.tid, thread);
		}

		// A thread read only at the start (a short run's units, gone before the end was read) is kept, its CPU in the window unknown beyond 0.
		for (const before of event.threads.atStart) {
			const thread = state.threadCpu.get(before.tid) ?? before;
			state.threadCpu.set(before.tid, {...thread, cpuMs: Math.max(0, thread.cpuMs - before.cpuMs)});
		}
	}
}
