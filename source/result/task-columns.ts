import type {TaskRecord} from '../model/result-types.js';
import {InternedTexts} from '../util/interned-texts.js';

/** Marks a missing number in an integer column (lanes, pids, tids and cores are never negative). */
const noInt = -1;

/**
 * One engine's task records while its run goes on, column by column: about 50 bytes a task in
 * typed arrays, where an object per task cost about 200 (four boxed times and a Map entry). Task
 * ids are the run's 0..n-1, so the row of a task is its id. Errors, rare, are kept apart, each
 * distinct reason once.
 */
export class TaskColumns {
	private capacity = 0;
	private known = new Uint8Array(0);
	private queuedMs = new Float64Array(0);
	private startMs = new Float64Array(0);
	private runStartMs = new Float64Array(0);
	private endMs = new Float64Array(0);
	private lane = new Int32Array(0);
	private pid = new Int32Array(0);
	private tid = new Int32Array(0);
	private cpu = new Int32Array(0);
	private readonly failed = new Map<number, string | null>();
	/** Many tasks fail alike: one copy of each reason. */
	private readonly errorTexts = new InternedTexts();
	private count = 0;

	get size(): number {
		return this.count;
	}

	has(id: number): boolean {
		return id >= 0 && id < this.capacity && this.known[id] === 1;
	}

	queue(ids: readonly number[], t: number): void {
		let highest = -1;
		for (const id of ids) highest = Math.max(highest, id);
		this.reserve(highest + 1);
		for (const id of ids) {
			if (this.known[id] !== 1) this.count++;
			this.known[id] = 1;
			this.queuedMs[id] = t;
			this.startMs[id] = Number.NaN;
			this.runStartMs[id] = Number.NaN;
			this.endMs[id] = Number.NaN;
			this.lane[id] = noInt;
			this.pid[id] = noInt;
			this.tid[id] = noInt;
			this.cpu[id] = noInt;
			this.failed.delete(id);
		}
	}

	/** Ids 0..count-1 that were never queued join as queued at no known time (their engine stopped first). */
	queueMissing(count: number): void {
		const missing: number[] = [];
		for (let id = 0; id < count; id++) if (!this.has(id)) missing.push(id);
		if (missing.length > 0) this.queue(missing, Number.NaN);
	}

	started(id: number, start: {readonly t: number; readonly lane: number; readonly pid: number; readonly tid: number | null}): void {
		if (!this.has(id)) return;
		this.startMs[id] = start.t;
		this.runStartMs[id] = start.t;
		this.lane[id] = start.lane;
		this.pid[id] = start.pid;
		this.tid[id] = start.tid ?? noInt;
	}

	ended(id: number, end: {readonly t: number; readonly ok: boolean; readonly error: string | null; readonly cpu: number | null; readonly runStartT: number | null}): void {
		if (!this.has(id)) return;
		this.endMs[id] = end.t;
		this.cpu[id] = end.cpu ?? noInt;
		if (end.ok) this.failed.delete(id);
		else this.failed.set(id, this.errorTexts.of(end.error));
		if (end.runStartT !== null) this.runStartMs[id] = end.runStartT;
	}

	/**
	 * The records in id order, times moved to ms since `t0`; a task that never ended gets
	 * `unfinished` as its error when given (why its engine stopped). Each record reads its fields
	 * from these columns (40 bytes a record, not 190): once records are taken, the columns are
	 * theirs and must not change.
	 */
	records(t0: number, unfinished: string | null): TaskRecord[] {
		const records: TaskRecord[] = [];
		const shared = {columns: this, t0, unfinished};
		for (let id = 0; id < this.capacity; id++) if (this.known[id] === 1) records.push(new ColumnRecord(shared, id));
		return records;
	}

	/** @internal The fields of one record (ColumnRecord reads them). */
	time(column: 'queuedMs' | 'startMs' | 'runStartMs' | 'endMs', id: number, t0: number): number | null {
		const value = this[column][id]!;
		return Number.isNaN(value) ? null : value - t0;
	}

	/** @internal */
	int(column: 'lane' | 'pid' | 'tid' | 'cpu', id: number): number | null {
		const value = this[column][id]!;
		return value === noInt ? null : value;
	}

	/** @internal Why the task failed (null: no reason given), or undefined when it did not. */
	failure(id: number): string | null | undefined {
		return this.failed.has(id) ? (this.failed.get(id) ?? null) : undefined;
	}

	/** Room for ids below `size`: exactly that at first (a run queues all its tasks at once), doubling after. */
	private reserve(size: number): void {
		if (size <= this.capacity) return;
		const capacity = this.capacity === 0 ? size : Math.max(size, this.capacity * 2);
		const grow = <T extends Uint8Array | Float64Array | Int32Array>(column: T, make: (length: number) => T): T => {
			const next = make(capacity);
			next.set(column);
			return next;
		};

		this.known = grow(this.known, (length) => new Uint8Array(length));
		this.queuedMs = grow(this.queuedMs, (length) => new Float64Array(length));
		this.startMs = grow(this.startMs, (length) => new Float64Array(length));
		this.runStartMs = grow(this.runStartMs, (length) => new Float64Array(length));
		this.endMs = grow(this.endMs, (length) => new Float64Array(length));
		this.lane = grow(this.lane, (length) => new Int32Array(length));
		this.pid = grow(this.pid, (length) => new Int32Array(length));
		this.tid = grow(this.tid, (length) => new Int32Array(length));
		this.cpu = grow(this.cpu, (length) => new Int32Array(length));
		this.capacity = capacity;
	}
}

type SharedColumns = {readonly columns: TaskColumns; readonly t0: number; readonly unfinished: string | null};

/** A task's record, read from its engine's columns when asked: two fields of its own. */
class ColumnRecord implements TaskRecord {
	constructor(
		private readonly shared: SharedColumns,
		readonly id: number,
	) {}

	get lane(): number | null {
		return this.shared.columns.int('lane', this.id);
	}

	get pid(): number | null {
		return this.shared.columns.int('pid', this.id);
	}

	get tid(): number | null {
		return this.shared.columns.int('tid', this.id);
	}

	get cpu(): number | null {
		return this.shared.columns.int('cpu', this.id);
	}

	get queuedMs(): number {
		return this.shared.columns.time('queuedMs', this.id, this.shared.t0) ?? 0;
	}

	get startMs(): number | null {
		return this.shared.columns.time('startMs', this.id, this.shared.t0);
	}

	get runStartMs(): number | null {
		return this.shared.columns.time('runStartMs', this.id, this.shared.t0);
	}

	get endMs(): number | null {
		return this.shared.columns.time('endMs', this.id, this.shared.t0);
	}

	get ok(): boolean {
		return this.endMs !== null && this.shared.columns.failure(this.id) === undefined;
	}

	get error(): string | null {
		if (this.endMs === null) return this.shared.unfinished;
		return this.shared.columns.failure(this.id) ?? null;
	}

	/** The record as the result document writes it: every field, in this order. */
	toJSON(): TaskRecord {
		const {id, lane, pid, tid, cpu, queuedMs, startMs, runStartMs, endMs, ok, error} = this;
		return {id, lane, pid, tid, cpu, queuedMs, startMs, runStartMs, endMs, ok, error};
	}
}
