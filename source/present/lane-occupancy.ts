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
 * ended never change, so they are added once; the rest (those running, and any after them) are
 * summed up when one of them starts or ends (OpenEnd), so a frame costs the cells, not the tasks
 * the lane ran nor those open (an async lane of 100,000 tasks asleep). Starts over when the
 * scale changes or the lane's start is not what it was.
 */
export class IncrementalOccupancy {
	private base: OccupancyBuilder | undefined;
	private ended = 0;
	/** The lane's open end summed up (see OpenEnd), while no task on it started or ended. */
	private openEnd: {readonly ids: unknown; readonly length: number; readonly running: number; readonly ended: number; readonly summary: OpenEnd | undefined} | undefined;

	/** The last task added to the base, and its id: the base holds while that task is unchanged, in its place. */
	private lastEnded: {readonly id: number; readonly startMs: number | null; readonly endMs: number | null; readonly state: OccupyingTask['state']} | undefined;

	/**
	 * `ids` in start order (they only grow at the end; an array or the store's list), `tasks`
	 * their fields now, read by id (no object per task). `running`, the lane's running count when
	 * known: with it, the open tasks are read once each time one starts or ends, and a frame adds
	 * them in O(cells) however many they are (an event loop with 100,000 tasks asleep); without
	 * it, a frame reads them all.
	 */
	occupancy(ids: {readonly length: number; at: (index: number) => number | undefined}, tasks: OccupyingTasks, cells: number, msPerCell: number, nowMs: number, running?: number): LaneOccupancy {
		const stale = !this.base || this.base.cells !== cells || this.base.msPerCell !== msPerCell || ids.length < this.ended || (this.ended > 0 && !this.lastEndedStillAt(ids.at(this.ended - 1)!, tasks));
		if (stale) {
			this.base = new OccupancyBuilder(cells, msPerCell);
			this.ended = 0;
			this.openEnd = undefined;
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

		if (running !== undefined) {
			const kept = this.openEnd;
			const same = kept?.ids === ids && kept.length === ids.length && kept.running === running && kept.ended === this.ended;
			const summary = same ? kept.summary : OpenEnd.of(base, ids, this.ended, tasks);
			if (!same) this.openEnd = {ids, length: ids.length, running, ended: this.ended, summary};
			const frame = summary?.frameAt(nowMs);
			if (frame) return frame;
		}

		const frame = base.copy();
		for (let index = this.ended; index < ids.length; index++) {
			const id = ids.at(index)!;
			frame.addSpan(tasks.startMsOf(id), tasks.endMsOf(id), tasks.stateOf(id), nowMs);
		}

		return frame.finish();
	}

	private lastEndedStillAt(id: number, tasks: OccupyingTasks): boolean {
		const was = this.lastEnded;
		return was?.id === id && was.startMs === tasks.startMsOf(id) && was.endMs === tasks.endMsOf(id) && was.state === tasks.stateOf(id);
	}
}

/**
 * A lane's open end (its first open task and every task after it) summed up so that a frame adds
 * it in O(cells). Drawing it task by task, every task after the first open one shares that one's
 * glyph parity (the first open task's bar runs to "now", so none starts after the lane's last
 * end), ended ones span fixed cells, and running ones span from their start cell to the cell of
 * "now": a count of running tasks per start cell tells every frame. Exact while every start is
 * before "now" and every end at or before it; otherwise `frameAt` declines and the frame is drawn
 * task by task.
 */
class OpenEnd {
	private constructor(
		/** The base, and the ended tasks of the open end with their shared parity. */
		private readonly fixed: OccupancyBuilder,
		/** Running tasks by the cell their bar starts in (cells + 1). */
		private readonly runningFrom: Int32Array,
		/** Of the running tasks starting in a cell, the last (by start order) whose start is in the cell before, and in the cell itself: a task started too recently to cover a cell's centre marks one of those two. */
		private readonly lastBriefBelow: Int32Array,
		private readonly lastBriefAt: Int32Array,
		/** The position (in start order) of the last ended task that marked each cell as brief; -1: none. */
		private readonly lastEndedBrief: Int32Array,
		private readonly parity: number,
		private readonly latestStart: number,
		private readonly latestEnd: number,
	) {}

	static of(base: OccupancyBuilder, ids: {readonly length: number; at: (index: number) => number | undefined}, first: number, tasks: OccupyingTasks): OpenEnd | undefined {
		if (first >= ids.length) return undefined;
		const {cells} = base;
		const fixed = base.copy();
		const firstStart = tasks.startMsOf(ids.at(first)!);
		if (firstStart === null) return undefined;
		const parity = fixed.openRun(firstStart);
		const runningFrom = new Int32Array(cells + 1);
		const lastBriefBelow = new Int32Array(cells + 1).fill(-1);
		const lastBriefAt = new Int32Array(cells + 1).fill(-1);
		const lastEndedBrief = new Int32Array(cells).fill(-1);
		let latestStart = Number.NEGATIVE_INFINITY;
		let latestEnd = Number.NEGATIVE_INFINITY;
		for (let index = first; index < ids.length; index++) {
			const id = ids.at(index)!;
			const [startMs, endMs, state] = [tasks.startMsOf(id), tasks.endMsOf(id), tasks.stateOf(id)];
			if (startMs === null) return undefined;
			latestStart = Math.max(latestStart, startMs);
			if (endMs === null || state === 'running') {
				const startCell = fixed.cellOf(startMs);
				const from = Math.max(0, Math.ceil(startCell - 0.5));
				runningFrom[from]!++;
				if (Math.floor(startCell) < from) lastBriefBelow[from] = index;
				else lastBriefAt[from] = index;
			} else {
				latestEnd = Math.max(latestEnd, endMs);
				const briefCell = fixed.addSpan(startMs, endMs, state, endMs);
				if (briefCell !== undefined) lastEndedBrief[briefCell] = index;
			}
		}

		return new OpenEnd(fixed, runningFrom, lastBriefBelow, lastBriefAt, lastEndedBrief, parity, latestStart, latestEnd);
	}

	/** The lane's occupancy at `nowMs`, or undefined where a start or an end lies at or past it. */
	frameAt(nowMs: number): LaneOccupancy | undefined {
		if (this.latestStart >= nowMs || this.latestEnd > nowMs) return undefined;
		const frame = this.fixed.copy();
		const {cells} = frame;
		const nowCell = Math.min(cells, Math.ceil(frame.cellOf(nowMs) - 0.5));
		for (let from = 0; from < nowCell; from++) {
			const count = this.runningFrom[from]!;
			if (count > 0) frame.addRunning(from, nowCell, count, this.parity);
		}

		// Started within the last half cell: a brief mark, unless an ended task marked that cell later.
		for (const [cell, index] of [
			[nowCell - 1, this.lastBriefBelow[nowCell]!],
			[nowCell, this.lastBriefAt[nowCell]!],
		] as const) {
			const at = Math.min(cells - 1, cell);
			if (index >= 0 && at >= 0 && index > this.lastEndedBrief[at]!) frame.markBrief(at, briefMark.running);
		}

		return frame.finish();
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

	/**
	 * One task, by its fields: no closure or object made per task (a frame may add 100,000).
	 * Returns the cell it marked when too brief to cover a cell's centre.
	 */
	addSpan(startMs: number | null, endMs: number | null, state: OccupyingTask['state'], nowMs: number): number | undefined {
		if (startMs === null) return undefined;
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
			return cell;
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

		return undefined;
	}

	/**
	 * The first open task of a lane starts here (its bar runs to "now"): no task after it starts
	 * after the lane's last end, so all share its parity, returned (see OpenEnd).
	 */
	openRun(startMs: number): number {
		if (startMs >= this.lastEnd) this.order++;
		this.lastEnd = Number.POSITIVE_INFINITY;
		return this.order % 2;
	}

	/** `count` running tasks from cell `from` to cell `to`, all of parity `parity`. */
	addRunning(from: number, to: number, count: number, parity: number): void {
		this.count[from]! += count;
		this.count[to]! -= count;
		this.parity[from]! += parity * count;
		this.parity[to]! -= parity * count;
		this.runningRuns[from]! += count;
		this.runningRuns[to]! -= count;
	}

	markBrief(cell: number, mark: number): void {
		this.brief[cell] = mark;
	}

	cellOf(ms: number): number {
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
