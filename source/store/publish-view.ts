import {engineElapsedMs, otherLoadCores, type EngineState} from '../run-model/engine-state.js';
import type {EngineView, LaneActivity} from './views.js';
import {engineKinds} from '../config/engine-kinds.js';
import {cpuByRole, engineThreads} from '../result/thread-roles.js';

/** Async's helper threads so far (libuv's pool, V8's), from the engine's latest thread readings. */
function helpersOf(state: EngineState): EngineView['helpers'] {
	if (!engineKinds[state.engine].isBaseline || state.threadCpu.size === 0) return null;
	const jsTids = new Set(state.lanes.flatMap((lane) => (lane.tid === null ? [] : [lane.tid])));
	const uvThreads = state.uvThreads ?? 4;
	const roles = cpuByRole(engineThreads([...state.threadCpu.values()], jsTids, uvThreads).threads);
	return {uvThreads, libuvCpuMs: roles.libuv.cpuMs, v8CpuMs: roles.v8.cpuMs};
}

/**
 * The view of `state` to publish: what did not change since `previous` (the view last published
 * from this same state) is shared with it. `liveElapsedMs` is the engine's time so far while it
 * runs; once it ended, its measured time is shown, as the result document gives it.
 */
export function publishView(state: EngineState, previous: EngineView | undefined, version: number, liveElapsedMs: number): EngineView {
	const {changes, laneStates} = state;
	let laneActivity = previous?.laneActivity ?? new Map<number, LaneActivity>();
	if (changes.laneIds.size > 0 || !previous) {
		const next = new Map(laneActivity);
		for (const id of previous ? changes.laneIds : (laneStates?.keys() ?? [])) {
			const lane = laneStates?.get(id);
			if (!lane) continue;
			next.set(id, Object.freeze({taskIds: lane.taskIds.publish(), running: lane.running, lastCore: lane.lastCore, progress: lane.progress}));
		}

		laneActivity = next;
	}

	const ended = state.phase === 'done' || state.phase === 'failed';
	const view: EngineView = {
		engine: state.engine,
		phase: state.phase,
		version,
		t0: state.t0,
		startupMs: state.startupMs,
		lanes: changes.lanes || !previous ? Object.freeze([...state.lanes]) : previous.lanes,
		tasks: state.tasks.publish(),
		laneActivity,
		done: state.done,
		failed: state.failed,
		lastFailure: state.lastFailure,
		elapsedMs: ended ? engineElapsedMs(state) : state.phase === 'running' ? liveElapsedMs : 0,
		parallelism: state.parallelism,
		loopLagMs: state.loopLagMs,
		otherLoadCores: otherLoadCores(state),
		error: state.end?.error ?? null,
		held: state.held,
		throttling: state.end?.throttling ?? null,
		helpers: helpersOf(state),
	};
	state.changes = {lanes: false, laneIds: new Set()};
	return Object.freeze(view);
}
