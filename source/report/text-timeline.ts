import type {LaneInfo} from '../model/events.js';
import type {TaskRecord} from '../model/result-types.js';
import {briefMark, laneOccupancy} from '../present/lane-occupancy.js';
import {mostAtOnce} from '../result/evidence.js';

/** Consecutive tasks on a lane alternate between these, so their boundaries show. */
const taskGlyphs = ['█', '▓'] as const;
const overlapGlyph = '▒';
const failedGlyph = 'x';
const idleGlyph = '·';

export type LaneSpan = {readonly row: string; readonly taskCount: number; readonly maxAtOnce: number};

/**
 * One lane as a row of `cells` characters, `msPerCell` each, painted from the lane's occupancy
 * (present/lane-occupancy.ts, the rule the dashboard's bars draw from too): a task's cells show
 * which task ran there (alternating glyphs), ▒ where several ran at once, x where a failed task
 * ran (alone or beside others: the failure is what the row must not hide). A task that never ended ran until its engine stopped, `untilMs`.
 */
export function laneRow(tasks: readonly TaskRecord[], cells: number, msPerCell: number, untilMs = 0): LaneSpan {
	const ordered = tasks.filter((task) => task.startMs !== null).sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
	const occupancy = laneOccupancy(
		ordered.map((task) => ({startMs: task.startMs, endMs: task.endMs ?? Math.max(untilMs, task.startMs ?? 0), state: task.ok ? 'done' : 'failed'})),
		cells,
		msPerCell,
		untilMs,
	);
	let row = '';
	for (let cell = 0; cell < cells; cell++) {
		const here = occupancy.tasksHere[cell]!;
		const brief = occupancy.brief[cell]!;
		// A failure shows wherever it ran, beside others or not: without colour, x is all that tells it.
		if (here > 0 && occupancy.failed[cell] === 1) row += failedGlyph;
		else if (here === 2) row += overlapGlyph;
		else if (here === 1) row += taskGlyphs[occupancy.second[cell]!]!;
		else if (brief === briefMark.failed) row += failedGlyph;
		else if (brief > 0) row += brief === briefMark.doneSecond ? taskGlyphs[1] : taskGlyphs[0];
		else row += idleGlyph;
	}

	return {row, taskCount: ordered.length, maxAtOnce: mostAtOnce(ordered)};
}

export function laneLabel(lane: LaneInfo): string {
	return `${lane.label} pid ${lane.pid}${lane.tid === null ? '' : ` tid ${lane.tid}`}`;
}
