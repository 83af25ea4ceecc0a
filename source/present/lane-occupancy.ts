/** What the occupancy of a lane needs of a task: when it ran, and how it is doing. */
export type OccupyingTask = {
	readonly startMs: number | null;
	readonly endMs: number | null;
	readonly state: 'queued' | 'running' | 'done' | 'failed';
};

/** The same fields read by task id, without an object per task (the dashboard store's task table). */
export type OccupyingTasks = {
	startMsOf(id: number): number | null;
	endMsOf(id: number): number | null;
	stateOf(id: number): OccupyingTask['state'];
};

/** A task shorter than a cell (it covers no cell's centre) still marks its cell, with this code. */
export const briefMark = {done: 1, running: 2, failed: 3, doneSecond: 4} as const;

/** Per cell of one lane, from the tasks that ran there; typed arrays, one entry per cell. */
export type LaneOccupancy = {
	/** Tasks whose run covers the cell's centre: 0, 1, or 2 for several. */
	readonly tasksHere: Uint8Array;
	/** 1 when the single task there is an even-numbered one in the lane's order (drawn ▓). */
	readonly second: Uint8Array;
	readonly failed: Uint8Array;
	readonly running: Uint8Array;
	/** A brief task's mark (briefMark) in a cell no task covers, else 0. */
	readonly brief: Uint8Array;
};

/**
 * Which tasks one lane ran in each cell of `cells` cells of `msPerCell` ms: the one rule the
 * dashboard's bars and the text report's timeline both draw from, so both draw a run alike.
 * A task covers the cells whose centre instant lies in [start, end) (a running task ends at
 * `nowMs`); consecutive tasks alternate, so their boundaries show; a task that starts before
 * the last one ended keeps the order. Linear in tasks + cells (difference arrays).
 */
export function laneOccupancy(tasks: readonly OccupyingTask[], cells: number, msPerCell: number, nowMs: number): LaneOccupancy {
	const builder = new OccupancyBuilder(cells, msPerCell);
	for (const task of tasks) builder.add(task, nowMs);
	return builder.finish();
}

/**
 * A lane's occupancy kept from frame to frame: the tasks at the start of the lane that have
 * ended never change, so they are added once; a frame adds only the rest (those running, and
 * any after them) to a copy. A frame then costs the cells plus the tasks still open, not every
 * task the lane ran (an async lane of 100,000 tasks: the ones running now). Starts over when the
 * scale changes or the lane's start is not what it was.
 */
export class IncrementalOccupancy {
	private base: OccupancyBuilder | undefined;
	private ended = 0;
	/**
	 * The last frame, while it holds: with no task started or ended since (the same ids, as many
	 * running) and "now" still in the same cell, a frame is the same (see `occupancy`).
	 */
	private lastFrame: {readonly ids: unknown; readonly length: number; readonly running: number; readonly ended: number; readonly nowCell: number; readonly nowMs: number; readonly occupancy: LaneOccupancy} | undefined;

	/** The last task added to the base, and its id: the base holds while that task is unchanged, in its place. */
	private lastEnded: {readonly id: number; readonly startMs: number | null; readonly endMs: number | null; readonly state: OccupyingTask['state']} | undefined;

	/**
	 * `ids` in start order (they only grow at the end; an array or the store's list), `tasks`
	 * their fields now, read by id: a frame reads every open task, so without making objects (an
	 * event loop with 100,000 tasks asleep has them all open). `running`, the lane's running count
	 * when known: with it, a frame whose tasks did not change and whose "now" is in the same cell
	 * is the last one, without reading them again.
	 */
	occupancy(ids: {readonly length: number; at: (index: number) => number | undefined}, tasks: OccupyingTasks, cells: number, msPerCell: number, nowMs: number, running?: number): LaneOccupancy {
		const stale = !this.base || this.base.cells !== cells || this.base.msPerCell !== msPerCell || ids.length < this.ended || (this.ended > 0 && !this.lastEndedStillAt(ids.at(this.ended - 1)!, tasks));
		if (stale) {
			this.base = new OccupancyBuilder(cells, msPerCell);
			this.ended = 0;
		}

		const base = this.base!;
		while (this.ended < ids.length) {
			const id = ids.at(this.ended)!;
			const [startMs, endMs, state] = [tasks.startMsOf(id), tasks.endMsOf(id), tasks.stateOf(id)];
			if (endMs === null || state === 'running') break;
			base.addSpan(startMs, endMs, state, nowMs);
			this.lastEnded = {id, startMs, endMs, state};
			this.ended++;
		}

		// A running task's bar ends in the cell of "now"; the rest of a frame does not move with it
		// while every start is before "now" and every end at or before it (checked as it is built).
		const nowCell = Math.ceil(Math.max(0, Math.min(cells, nowMs / msPerCell)) - 0.5);
		const last = this.lastFrame;
		if (!stale && last && running !== undefined && last.ids === ids && last.length === ids.length && last.running === running && last.ended === this.ended && last.nowCell === nowCell && nowMs >= last.nowMs) {
			return last.occupancy;
		}

		const frame = base.copy();
		let movesOnlyWithNow = true;
		for (let index = this.ended; index < ids.length; index++) {
			const id = ids.at(index)!;
			const [startMs, endMs] = [tasks.startMsOf(id), tasks.endMsOf(id)];
			if ((startMs !== null && startMs >= nowMs) || (endMs !== null && endMs > nowMs)) movesOnlyWithNow = false;
			frame.addSpan(startMs, endMs, tasks.stateOf(id), nowMs);
		}

		const occupancy = frame.finish();
		this.lastFrame = movesOnlyWithNow && running !== undefined ? {ids, length: ids.length, running, ended: this.ended, nowCell, nowMs, occupancy} : undefined;
		return occupancy;
	}

	private lastEndedStillAt(id: number, tasks: OccupyingTasks): boolean {
		const was = this.lastEnded;
		return was?.id === id && was.startMs === tasks.startMsOf(id) && was.endMs === tasks.endMsOf(id) && was.state === tasks.stateOf(id);
	}
}

/** Difference arrays of one lane's tasks, added one at a time in start order. */
class OccupancyBuilder {
	private count: Float64Array;
	private parity: Float64Array;
	private failedRuns: Float64Array;
	private runningRuns: Float64Array;
	private brief: Uint8Array;
	/** The first task on a lane is 0: drawn █, the next ▓, and so on. */
	private order = -1;
	private lastEnd = Number.NEGATIVE_INFINITY;

	constructor(
		readonly cells: number,
		readonly msPerCell: number,
		from?: OccupancyBuilder,
	) {
		this.count = from ? from.count.slice() : new Float64Array(cells + 1);
		this.parity = from ? from.parity.slice() : new Float64Array(cells + 1);
		this.failedRuns = from ? from.failedRuns.slice() : new Float64Array(cells + 1);
		this.runningRuns = from ? from.runningRuns.slice() : new Float64Array(cells + 1);
		this.brief = from ? from.brief.slice() : new Uint8Array(cells);
		if (from) {
			this.order = from.order;
			this.lastEnd = from.lastEnd;
		}
	}

	copy(): OccupancyBuilder {
		return new OccupancyBuilder(this.cells, this.msPerCell, this);
	}

	add(task: OccupyingTask, nowMs: number): void {
		this.addSpan(task.startMs, task.endMs, task.state, nowMs);
	}

	/** One task, by its fields: no closure or object made per task (a frame may add 100,000). */
	addSpan(startMs: number | null, endMs: number | null, state: OccupyingTask['state'], nowMs: number): void {
		if (startMs === null) return;
		const {cells} = this;
		const end = endMs ?? nowMs;
		const startCell = this.cellOf(startMs);
		const from = Math.max(0, Math.ceil(startCell - 0.5));
		const to = Math.min(cells, Math.ceil(this.cellOf(end) - 0.5));
		if (startMs >= this.lastEnd) this.order++;
		this.lastEnd = Math.max(this.lastEnd, end);
		if (to <= from) {
			const cell = Math.min(cells - 1, Math.floor(startCell));
			this.brief[cell] = state === 'failed' ? briefMark.failed : state === 'running' ? briefMark.running : this.order % 2 === 1 ? briefMark.doneSecond : briefMark.done;
			return;
		}

		this.count[from]! += 1;
		this.count[to]! -= 1;
		const parity = this.order % 2;
		this.parity[from]! += parity;
		this.parity[to]! -= parity;
		if (state === 'failed') {
			this.failedRuns[from]! += 1;
			this.failedRuns[to]! -= 1;
		} else if (state === 'running') {
			this.runningRuns[from]! += 1;
			this.runningRuns[to]! -= 1;
		}
	}

	private cellOf(ms: number): number {
		return Math.max(0, Math.min(this.cells, ms / this.msPerCell));
	}

	/** The occupancy of what was added (the builder's arrays are not kept by it). */
	finish(): LaneOccupancy {
		const {cells, brief} = this;
		const occupancy: LaneOccupancy = {
			tasksHere: new Uint8Array(cells),
			second: new Uint8Array(cells),
			failed: new Uint8Array(cells),
			running: new Uint8Array(cells),
			brief,
		};
		let c = 0;
		let p = 0;
		let f = 0;
		let r = 0;
		for (let i = 0; i < cells; i++) {
			c += this.count[i]!;
			p += this.parity[i]!;
			f += this.failedRuns[i]!;
			r += this.runningRuns[i]!;
			if (c < 0.5) continue;
			brief[i] = 0;
			occupancy.tasksHere[i] = c > 1.5 ? 2 : 1;
			occupancy.second[i] = p > 0.5 ? 1 : 0;
			occupancy.failed[i] = f > 0.5 ? 1 : 0;
			occupancy.running[i] = r > 0.5 ? 1 : 0;
		}

		return occupancy;
	}
}
