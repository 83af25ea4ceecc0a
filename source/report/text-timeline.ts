import type {LaneInfo} from '../model/events.js';
import type {TaskRecord} from '../model/result-types.js';

/** Consecutive tasks on a lane alternate between these, so their boundaries show. */
const taskGlyphs = ['█', '▓'] as const;
const overlapGlyph = '▒';
const failedGlyph = 'x';
const idleGlyph = '·';

export type LaneSpan = {readonly row: string; readonly taskCount: number; readonly maxAtOnce: number};

/** Most tasks running at the same moment. */
export function maxOverlap(tasks: readonly TaskRecord[]): number {
	const edges: Array<[number, number]> = [];
	for (const task of tasks) {
		if (task.startMs === null) continue;
		edges.push([task.startMs, 1], [task.endMs ?? Number.POSITIVE_INFINITY, -1]);
	}

	// Ends sort before starts at the same time: back-to-back tasks do not overlap.
	edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let running = 0;
	let most = 0;
	for (const [, change] of edges) {
		running += change;
		most = Math.max(most, running);
	}

	return most;
}

/**
 * One lane as a row of `cells` characters, `msPerCell` each: a task's cells show which task
 * ran there (alternating glyphs), ▒ where several ran at once, x where a failed task ran.
 */
export function laneRow(tasks: readonly TaskRecord[], cells: number, msPerCell: number): LaneSpan {
	const ordered = tasks.filter((task) => task.startMs !== null).sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
	let row = '';
	for (let cell = 0; cell < cells; cell++) {
		const from = cell * msPerCell;
		const to = from + msPerCell;
		// A task covers the cell if it runs for at least half of it, or lies wholly inside it.
		const here = ordered.filter((task) => {
			const start = task.startMs ?? 0;
			const end = task.endMs ?? start;
			const covered = Math.min(end, to) - Math.max(start, from);
			return covered >= msPerCell / 2 || (start >= from && end <= to && end > start);
		});
		if (here.length === 0) row += idleGlyph;
		else if (here.length > 1) row += overlapGlyph;
		else if (!here[0]?.ok) row += failedGlyph;
		else row += taskGlyphs[ordered.indexOf(here[0]) % 2];
	}

	return {row, taskCount: ordered.length, maxAtOnce: maxOverlap(ordered)};
}

export function laneLabel(lane: LaneInfo): string {
	return `${lane.label} pid ${lane.pid}${lane.tid === null ? '' : ` tid ${lane.tid}`}`;
}
