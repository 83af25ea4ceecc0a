import {engineElapsedMs, otherLoadCores, type EngineState} from '../run-model/engine-state.js';
import type {EngineView, LaneActivity} from './views.js';

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
	};
	state.changes = {lanes: false, laneIds: new Set()};
	return Object.freeze(view);
}
