import type {TaskRecord} from '../model/result-types.js';
import type {FrozenTaskTable} from './task-table.js';

/**
 * The result document's task records, read from the same published columns the dashboard draws:
 * one record per configured task, in id order, times on the engine's axis. A task that never ended
 * gets `unfinished` as its error (why its engine stopped); a task its engine stopped before it was
 * queued still has its record, queued at 0 with nothing else known.
 */
export function taskRecords(table: FrozenTaskTable, configured: number, unfinished: string | null): TaskRecord[] {
	const records: TaskRecord[] = [];
	const count = Math.max(configured, table.length);
	const shared = {table, unfinished};
	for (let id = 0; id < count; id++) records.push(new ColumnRecord(shared, id));
	return records;
}

type SharedColumns = {readonly table: FrozenTaskTable; readonly unfinished: string | null};

/** A task's record, read from its engine's columns when asked: two fields of its own (about 32 bytes). */
class ColumnRecord implements TaskRecord {
	constructor(
		private readonly shared: SharedColumns,
		readonly id: number,
	) {}

	private get table(): FrozenTaskTable {
		return this.shared.table;
	}

	private get unfinished(): string | null {
		return this.shared.unfinished;
	}

	get lane(): number | null {
		return this.table.intOf('lane', this.id);
	}

	get pid(): number | null {
		return this.table.intOf('pid', this.id);
	}

	get tid(): number | null {
		return this.table.intOf('tid', this.id);
	}

	get cpu(): number | null {
		return this.table.intOf('cpu', this.id);
	}

	get queuedMs(): number {
		return this.time('queuedMs') ?? 0;
	}

	get startMs(): number | null {
		return this.time('startMs');
	}

	get runStartMs(): number | null {
		return this.time('runStartMs') ?? this.startMs;
	}

	get endMs(): number | null {
		return this.time('endMs');
	}

	get ok(): boolean {
		return this.table.stateOf(this.id) === 'done' && this.id < this.table.length;
	}

	get error(): string | null {
		const state = this.id < this.table.length ? this.table.stateOf(this.id) : 'queued';
		if (state === 'queued' || state === 'running') return this.unfinished;
		return state === 'failed' ? this.table.errorOf(this.id) : null;
	}

	/** The record as the result document writes it: every field, in this order. */
	toJSON(): TaskRecord {
		const {id, lane, pid, tid, cpu, queuedMs, startMs, runStartMs, endMs, ok, error} = this;
		return {id, lane, pid, tid, cpu, queuedMs, startMs, runStartMs, endMs, ok, error};
	}

	private time(column: 'queuedMs' | 'startMs' | 'runStartMs' | 'endMs'): number | null {
		const value = this.table.timeOf(column, this.id);
		return value === null ? null : value - this.table.t0;
	}
}
