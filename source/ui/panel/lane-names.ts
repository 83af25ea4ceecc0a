import type {LaneInfo} from '../../model/events.js';
import type {EngineName} from '../../model/run-config.js';

/** A lane's short name in rows: loop, T1, P2, S1 (a slot of spawned threads). */
export function laneShortName(engine: EngineName, lane: LaneInfo): string {
	if (engine === 'async') return 'loop';
	if (engine === 'processes') return `P${lane.id + 1}`;
	return lane.tid === null ? `S${lane.id + 1}` : `T${lane.id + 1}`;
}

/** What identifies a lane to the OS: a process shows its pid, a thread its tid. */
export function laneIdentity(engine: EngineName, lane: LaneInfo): string {
	if (engine === 'processes') return `pid ${lane.pid}`;
	if (engine === 'async') return `pid ${lane.pid}`;
	return lane.tid === null ? 'new thread per task' : `tid ${lane.tid}`;
}
