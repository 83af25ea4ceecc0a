import {engineKinds} from '../../config/engine-kinds.js';
import type {LaneInfo} from '../../model/events.js';
import type {EngineName} from '../../model/run-config.js';

/** A lane's short name in rows: loop, T1, P2, S1 (a slot of spawned threads). */
export function laneShortName(engine: EngineName, lane: LaneInfo): string {
	return engineKinds[engine].laneShortName(lane);
}

/** What identifies a lane to the OS: a process shows its pid, a thread its tid. */
export function laneIdentity(engine: EngineName, lane: LaneInfo): string {
	return engineKinds[engine].laneIdentity(lane);
}
