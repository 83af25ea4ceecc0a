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
 * the last one ended keeps the order. Linear in tasks + cells (difference arrays), so a lane of
 * 10,000 overlapping tasks costs the same per frame as a lane of ten.
 */
export function laneOccupancy(tasks: readonly OccupyingTask[], cells: number, msPerCell: number, nowMs: number): LaneOccupancy {
	const count = new Float64Array(cells + 1);
	const parity = new Float64Array(cells + 1);
	const failedRuns = new Float64Array(cells + 1);
	const runningRuns = new Float64Array(cells + 1);
	const brief = new Uint8Array(cells);
	const cellOf = (ms: number) => Math.max(0, Math.min(cells, ms / msPerCell));
	const add = (array: Float64Array, from: number, to: number, value: number) => {
		array[from]! += value;
		array[to]! -= value;
	};

	// The first task on a lane is 0: drawn █, the next ▓, and so on.
	let order = -1;
	let lastEnd = Number.NEGATIVE_INFINITY;
	for (const task of tasks) {
		if (task.startMs === null) continue;
		const end = task.endMs ?? nowMs;
		const from = Math.max(0, Math.ceil(cellOf(task.startMs) - 0.5));
		const to = Math.min(cells, Math.ceil(cellOf(end) - 0.5));
		if (task.startMs >= lastEnd) order++;
		lastEnd = Math.max(lastEnd, end);
		if (to <= from) {
			const cell = Math.min(cells - 1, Math.floor(cellOf(task.startMs)));
			brief[cell] =
				task.state === 'failed' ? briefMark.failed : task.state === 'running' ? briefMark.running : order % 2 === 1 ? briefMark.doneSecond : briefMark.done;
			continue;
		}

		add(count, from, to, 1);
		add(parity, from, to, order % 2);
		if (task.state === 'failed') add(failedRuns, from, to, 1);
		if (task.state === 'running') add(runningRuns, from, to, 1);
	}

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
		c += count[i]!;
		p += parity[i]!;
		f += failedRuns[i]!;
		r += runningRuns[i]!;
		if (c < 0.5) continue;
		brief[i] = 0;
		occupancy.tasksHere[i] = c > 1.5 ? 2 : 1;
		occupancy.second[i] = p > 0.5 ? 1 : 0;
		occupancy.failed[i] = f > 0.5 ? 1 : 0;
		occupancy.running[i] = r > 0.5 ? 1 : 0;
	}

	return occupancy;
}
