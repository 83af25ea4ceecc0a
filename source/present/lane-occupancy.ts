/** What the occupancy of a lane needs of a task: when it ran, and how it is doing. */
export type OccupyingTask = {
	readonly startMs: number | null;
	readonly endMs: number | null;
	readonly state: 'queued' | 'running' | 'done' | 'failed';
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
	/** The last task added to the base, and its id: the base holds while that task is unchanged, in its place. */
	private lastEnded: {readonly id: number; readonly task: OccupyingTask} | undefined;

	/**
	 * `ids` in start order (they only grow at the end; an array or the store's list), `taskOf` the
	 * task of an id now (a new object each time is fine: tasks are compared by their fields).
	 */
	occupancy(ids: {readonly length: number; at: (index: number) => number | undefined}, taskOf: (id: number) => OccupyingTask, cells: number, msPerCell: number, nowMs: number): LaneOccupancy {
		const stale = !this.base || this.base.cells !== cells || this.base.msPerCell !== msPerCell || ids.length < this.ended || (this.ended > 0 && !this.lastEndedStillAt(ids.at(this.ended - 1)!, taskOf));
		if (stale) {
			this.base = new OccupancyBuilder(cells, msPerCell);
			this.ended = 0;
		}

		const base = this.base!;
		while (this.ended < ids.length) {
			const task = taskOf(ids.at(this.ended)!);
			if (task.endMs === null || task.state === 'running') break;
			base.add(task, nowMs);
			this.lastEnded = {id: ids.at(this.ended)!, task};
			this.ended++;
		}

		const frame = base.copy();
		for (let index = this.ended; index < ids.length; index++) frame.add(taskOf(ids.at(index)!), nowMs);
		return frame.finish();
	}

	private lastEndedStillAt(id: number, taskOf: (id: number) => OccupyingTask): boolean {
		if (this.lastEnded?.id !== id) return false;
		const [was, now] = [this.lastEnded.task, taskOf(id)];
		return was.startMs === now.startMs && was.endMs === now.endMs && was.state === now.state;
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
		if (task.startMs === null) return;
		const {cells} = this;
		const cellOf = (ms: number) => Math.max(0, Math.min(cells, ms / this.msPerCell));
		const end = task.endMs ?? nowMs;
		const from = Math.max(0, Math.ceil(cellOf(task.startMs) - 0.5));
		const to = Math.min(cells, Math.ceil(cellOf(end) - 0.5));
		if (task.startMs >= this.lastEnd) this.order++;
		this.lastEnd = Math.max(this.lastEnd, end);
		if (to <= from) {
			const cell = Math.min(cells - 1, Math.floor(cellOf(task.startMs)));
			this.brief[cell] =
				task.state === 'failed' ? briefMark.failed : task.state === 'running' ? briefMark.running : this.order % 2 === 1 ? briefMark.doneSecond : briefMark.done;
			return;
		}

		const span = (array: Float64Array, value: number) => {
			array[from]! += value;
			array[to]! -= value;
		};

		span(this.count, 1);
		span(this.parity, this.order % 2);
		if (task.state === 'failed') span(this.failedRuns, 1);
		if (task.state === 'running') span(this.runningRuns, 1);
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
