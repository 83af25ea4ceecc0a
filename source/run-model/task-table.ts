import {InternedTexts} from '../util/interned-texts.js';

type TaskState = 'queued' | 'running' | 'done' | 'failed';

/**
 * One task as the dashboard draws it; times are ms from its engine's start. The table keeps tasks
 * as columns (below) and makes this view at each read: compare by fields, not identity.
 */
export type TaskView = {
	readonly id: number;
	readonly lane: number | null;
	readonly state: TaskState;
	/** A task that ended with no start heard of starts where it ends (a bar of no length). */
	readonly startMs: number | null;
	readonly endMs: number | null;
	readonly progress: number;
	readonly error: string | null;
	/** The core the task last ran on, once it ended (Linux). */
	readonly cpu: number | null;
};

/**
 * What the run model keeps of one task: the view's fields and the record's (result document) in
 * one set of columns. Times here are on the run's axis (ms since the run started); a view or a
 * record moves them to its engine's axis.
 */
export type TaskFields = {
	readonly state: TaskState;
	readonly lane: number | null;
	readonly queuedMs: number | null;
	readonly startMs: number | null;
	readonly runStartMs: number | null;
	readonly endMs: number | null;
	readonly progress: number;
	readonly error: string | null;
	readonly cpu: number | null;
	readonly pid: number | null;
	readonly tid: number | null;
};

/** Tasks per chunk: a change copies one chunk's columns (about 56 KB), never a 100,000-long table. */
const chunkBits = 10;
const chunkSize = 1 << chunkBits;
const inChunk = chunkSize - 1;

const states: readonly TaskState[] = ['queued', 'running', 'done', 'failed'];
const stateCodes: Readonly<Record<TaskState, number>> = {queued: 0, running: 1, done: 2, failed: 3};

type TimeColumn = 'queuedMs' | 'startMs' | 'runStartMs' | 'endMs';
type IntColumn = 'lane' | 'cpu' | 'pid' | 'tid';
const timeColumns: readonly TimeColumn[] = ['queuedMs', 'startMs', 'runStartMs', 'endMs'];
const intColumns: readonly IntColumn[] = ['lane', 'cpu', 'pid', 'tid'];

/** A chunk of tasks as columns: 55 bytes a task, where an object per task (view and record) took about 300. */
type Chunk = {
	readonly state: Uint8Array;
	/** NaN: none yet. */
	readonly queuedMs: Float64Array;
	readonly startMs: Float64Array;
	readonly runStartMs: Float64Array;
	readonly endMs: Float64Array;
	readonly progress: Float64Array;
	/** -1: none yet, or not known. */
	readonly lane: Int32Array;
	readonly cpu: Int16Array;
	readonly pid: Int32Array;
	readonly tid: Int32Array;
	/** Failed tasks' reasons, made on the chunk's first failure. */
	errors: Array<string | null> | undefined;
};

function newChunk(): Chunk {
	return {
		state: new Uint8Array(chunkSize),
		queuedMs: new Float64Array(chunkSize).fill(Number.NaN),
		startMs: new Float64Array(chunkSize).fill(Number.NaN),
		runStartMs: new Float64Array(chunkSize).fill(Number.NaN),
		endMs: new Float64Array(chunkSize).fill(Number.NaN),
		progress: new Float64Array(chunkSize),
		lane: new Int32Array(chunkSize).fill(-1),
		cpu: new Int16Array(chunkSize).fill(-1),
		pid: new Int32Array(chunkSize).fill(-1),
		tid: new Int32Array(chunkSize).fill(-1),
		errors: undefined,
	};
}

function copyOf(chunk: Chunk): Chunk {
	return {
		state: chunk.state.slice(),
		queuedMs: chunk.queuedMs.slice(),
		startMs: chunk.startMs.slice(),
		runStartMs: chunk.runStartMs.slice(),
		endMs: chunk.endMs.slice(),
		progress: chunk.progress.slice(),
		lane: chunk.lane.slice(),
		cpu: chunk.cpu.slice(),
		pid: chunk.pid.slice(),
		tid: chunk.tid.slice(),
		errors: chunk.errors?.slice(),
	};
}

const queuedFields: TaskFields = {state: 'queued', lane: null, queuedMs: null, startMs: null, runStartMs: null, endMs: null, progress: 0, error: null, cpu: null, pid: null, tid: null};

/** Reads of one set of chunks: the draft's (changing) and a published table's (never changing). */
class TaskColumnsReader {
	constructor(
		protected chunks: readonly Chunk[],
		protected size: number,
	) {}

	get length(): number {
		return this.size;
	}

	stateOf(id: number): TaskState {
		return this.has(id) ? states[this.chunkOf(id).state[id & inChunk]!]! : 'queued';
	}

	/** A time on the run's axis, or null (none yet, or no such task). */
	timeOf(column: TimeColumn, id: number): number | null {
		if (!this.has(id)) return null;
		const value = this.chunkOf(id)[column][id & inChunk]!;
		return Number.isNaN(value) ? null : value;
	}

	intOf(column: IntColumn, id: number): number | null {
		if (!this.has(id)) return null;
		const value = this.chunkOf(id)[column][id & inChunk]!;
		return value < 0 ? null : value;
	}

	progressOf(id: number): number {
		return this.has(id) ? this.chunkOf(id).progress[id & inChunk]! : 0;
	}

	errorOf(id: number): string | null {
		return this.has(id) ? (this.chunkOf(id).errors?.[id & inChunk] ?? null) : null;
	}

	protected has(id: number): boolean {
		return id >= 0 && id < this.size;
	}

	private chunkOf(id: number): Chunk {
		return this.chunks[id >> chunkBits]!;
	}
}

/**
 * The tasks as they were when published, by id: never changed once published. `t0` is the
 * engine's start on the run's axis; each read gives a new TaskView on the engine's axis (compare
 * tasks by their fields, not by identity). The next table shares every chunk that did not change.
 */
export class FrozenTaskTable extends TaskColumnsReader {
	constructor(
		chunks: readonly Chunk[],
		size: number,
		readonly t0: number,
	) {
		super(chunks, size);
		Object.freeze(this);
	}

	at(id: number): TaskView | undefined {
		if (!this.has(id)) return undefined;
		const chunk = this.chunks[id >> chunkBits]!;
		const at = id & inChunk;
		const lane = chunk.lane[at]!;
		const cpu = chunk.cpu[at]!;
		return {
			id,
			lane: lane < 0 ? null : lane,
			state: states[chunk.state[at]!]!,
			startMs: this.startMsOf(id),
			endMs: this.endMsOf(id),
			progress: chunk.progress[at]!,
			error: chunk.errors?.[at] ?? null,
			cpu: cpu < 0 ? null : cpu,
		};
	}

	// Single fields on the engine's axis, read without making the task's view (lane occupancy
	// reads every open task at each frame): straight from the columns, no lookup by name.

	startMsOf(id: number): number | null {
		if (!this.has(id)) return null;
		const chunk = this.chunks[id >> chunkBits]!;
		const at = id & inChunk;
		let start = chunk.startMs[at]!;
		if (Number.isNaN(start)) start = chunk.endMs[at]!;
		return Number.isNaN(start) ? null : start - this.t0;
	}

	endMsOf(id: number): number | null {
		if (!this.has(id)) return null;
		const end = this.chunks[id >> chunkBits]!.endMs[id & inChunk]!;
		return Number.isNaN(end) ? null : end - this.t0;
	}

	map<U>(each: (task: TaskView, id: number) => U): U[] {
		return Array.from({length: this.length}, (_, id) => each(this.at(id)!, id));
	}
}

/**
 * The run model's side of a FrozenTaskTable: tasks as columns of typed arrays, in chunks of
 * 1,024; a chunk shared with the last published table is copied on its first change. Task ids are
 * the run's 0..n-1, queued in order, so a task's row is its id.
 */
export class TaskTable extends TaskColumnsReader {
	/** Chunks only this draft holds, changed in place; the others belong to the last published table too. */
	private readonly owned = new Set<number>();
	private published: FrozenTaskTable | undefined;
	/** Many tasks fail alike: one copy of each reason. */
	private readonly errorTexts = new InternedTexts();
	private origin = 0;

	constructor() {
		super([], 0);
	}

	/** The engine's start on the run's axis: published views are on the engine's axis. */
	setOrigin(t0: number): void {
		this.origin = t0;
		this.published = undefined;
	}

	/** Sets a task's fields, or adds the task (`id === length`, queued with nothing known yet). */
	set(id: number, fields: Partial<TaskFields>): void {
		if (id < 0 || id > this.size) throw new RangeError(`task ${id} outside 0..${this.size}`);
		const chunk = this.ownedChunk(id >> chunkBits);
		const at = id & inChunk;
		if (id === this.size) this.size++;
		if (fields.state !== undefined) chunk.state[at] = stateCodes[fields.state];
		for (const column of timeColumns) {
			const value = fields[column];
			if (value !== undefined) chunk[column][at] = value ?? Number.NaN;
		}

		for (const column of intColumns) {
			const value = fields[column];
			if (value !== undefined) chunk[column][at] = value ?? -1;
		}

		if (fields.progress !== undefined) chunk.progress[at] = fields.progress;
		if (fields.error !== undefined && (fields.error !== null || chunk.errors)) {
			chunk.errors ??= [];
			chunk.errors[at] = this.errorTexts.of(fields.error);
		}

		this.published = undefined;
	}

	// The folds' own setters: no object per event (100,000 tasks make 300,000 events or more, and
	// the garbage of a fields object each grew the young generation, so the process's peak memory).

	/** Adds a task (`id === length`), queued at `t`. */
	queue(id: number, t: number): void {
		this.set(id, queuedFields);
		this.ownedChunk(id >> chunkBits).queuedMs[id & inChunk] = t;
	}

	/** A task's start: running on `lane` of process `pid` (thread `tid`) since `t`. */
	start(id: number, t: number, lane: number, pid: number, tid: number | null, running = true): void {
		const chunk = this.ownedChunk(id >> chunkBits);
		const at = id & inChunk;
		if (running) chunk.state[at] = stateCodes.running;
		chunk.startMs[at] = t;
		chunk.lane[at] = lane;
		chunk.pid[at] = pid;
		chunk.tid[at] = tid ?? -1;
		this.published = undefined;
	}

	/** A task's end at `t`: done, or failed with `error`; `cpu` the core it last ran on. */
	end(id: number, t: number, ok: boolean, error: string | null, cpu: number | null, runStartT: number | null): void {
		const chunk = this.ownedChunk(id >> chunkBits);
		const at = id & inChunk;
		chunk.state[at] = ok ? stateCodes.done : stateCodes.failed;
		chunk.endMs[at] = t;
		chunk.progress[at] = 1;
		chunk.cpu[at] = cpu ?? -1;
		if (runStartT !== null) chunk.runStartMs[at] = runStartT;
		if (!ok || chunk.errors) {
			chunk.errors ??= [];
			chunk.errors[at] = ok ? null : this.errorTexts.of(error);
		}

		this.published = undefined;
	}

	setProgress(id: number, value: number): void {
		this.ownedChunk(id >> chunkBits).progress[id & inChunk] = value;
		this.published = undefined;
	}

	/** The table as it is now; the same object until something changes. */
	publish(): FrozenTaskTable {
		if (!this.published) {
			this.published = new FrozenTaskTable([...this.chunks], this.size, this.origin);
			this.owned.clear();
		}

		return this.published;
	}

	private ownedChunk(index: number): Chunk {
		const chunks = this.chunks as Chunk[];
		if (index === chunks.length) chunks.push(newChunk());
		else if (!this.owned.has(index)) chunks[index] = copyOf(chunks[index]!);
		this.owned.add(index);
		return chunks[index]!;
	}
}
