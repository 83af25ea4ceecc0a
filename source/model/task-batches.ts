import type {TaskEndEvent, TaskStartEvent, WireEvent} from './events.js';
import type {EngineName} from './run-config.js';

/**
 * Many task starts or ends in one message from a host, column by column. A pool ending 25,000
 * tiny tasks a second sends about 66 bytes for each (start and end) instead of two objects of
 * about 160, and the UI
 * parses a few arrays of numbers, not an object per task (objects that, parsed 100,000 at a time,
 * outlive a young-generation collection and grow the heap). Times are offsets in ms from `base`
 * (epoch ms), rounded to the microsecond.
 */
export type TaskStartBatch = {
	readonly engine: EngineName;
	readonly base: number;
	readonly ids: number[];
	readonly t: number[];
	readonly lane: number[];
	readonly pid: number[];
	readonly tid: Array<number | null>;
};

/** A task whose start was not sent on its own (a short one) has its start here, else null in the start columns. */
export type TaskEndBatch = {
	readonly engine: EngineName;
	readonly base: number;
	readonly ids: number[];
	readonly t: number[];
	readonly cpu: Array<number | null>;
	readonly startT: Array<number | null>;
	readonly lane: Array<number | null>;
	readonly pid: Array<number | null>;
	readonly tid: Array<number | null>;
	readonly runStartT: Array<number | null>;
	/** [row, error] of every task that failed; the other rows ended ok. */
	readonly failed: Array<[number, string | null]>;
};

/** What a host sends: bus events, with the task starts and task ends between them gathered in batches. */
export type HostWireEvent = WireEvent | {readonly name: 'task:starts'; readonly data: TaskStartBatch} | {readonly name: 'task:ends'; readonly data: TaskEndBatch};

const offset = (t: number, base: number) => Math.round((t - base) * 1000) / 1000;

export function newTaskStartBatch(engine: EngineName, base: number): TaskStartBatch {
	return {engine, base, ids: [], t: [], lane: [], pid: [], tid: []};
}

export function appendTaskStart(batch: TaskStartBatch, start: TaskStartEvent): void {
	batch.ids.push(start.id);
	batch.t.push(offset(start.t, batch.base));
	batch.lane.push(start.lane);
	batch.pid.push(start.pid);
	batch.tid.push(start.tid);
}

/** Each task start of `batch` as the bus carries it, its time moved to ms since `origin`. */
export function forEachTaskStart(batch: TaskStartBatch, origin: number, visit: (start: TaskStartEvent) => void): void {
	const shift = batch.base - origin;
	batch.ids.forEach((id, row) => {
		visit({engine: batch.engine, t: batch.t[row]! + shift, id, lane: batch.lane[row]!, pid: batch.pid[row]!, tid: batch.tid[row] ?? null});
	});
}

export function newTaskEndBatch(engine: EngineName, base: number): TaskEndBatch {
	return {engine, base, ids: [], t: [], cpu: [], startT: [], lane: [], pid: [], tid: [], runStartT: [], failed: []};
}

export function appendTaskEnd(batch: TaskEndBatch, end: TaskEndEvent): void {
	const {base} = batch;
	const row = batch.ids.push(end.id) - 1;
	batch.t.push(offset(end.t, base));
	batch.cpu.push(end.cpu);
	const {started} = end;
	batch.startT.push(started ? offset(started.t, base) : null);
	batch.lane.push(started ? started.lane : null);
	batch.pid.push(started ? started.pid : null);
	batch.tid.push(started ? started.tid : null);
	batch.runStartT.push(end.runStartT === null ? null : offset(end.runStartT, base));
	if (!end.ok) batch.failed.push([row, end.error]);
}

/** Each task end of `batch` as the bus carries it, its times moved to ms since `origin`. */
export function forEachTaskEnd(batch: TaskEndBatch, origin: number, visit: (end: TaskEndEvent) => void): void {
	const shift = batch.base - origin;
	const failures = new Map(batch.failed);
	batch.ids.forEach((id, row) => {
		const startT = batch.startT[row] ?? null;
		const runStartT = batch.runStartT[row] ?? null;
		const failed = failures.has(row);
		visit({
			engine: batch.engine,
			t: batch.t[row]! + shift,
			id,
			...(startT !== null && {started: {t: startT + shift, lane: batch.lane[row] ?? 0, pid: batch.pid[row] ?? 0, tid: batch.tid[row] ?? null}}),
			ok: !failed,
			error: failed ? (failures.get(row) ?? null) : null,
			cpu: batch.cpu[row] ?? null,
			runStartT: runStartT === null ? null : runStartT + shift,
		});
	});
}
