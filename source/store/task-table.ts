import {InternedTexts} from '../util/interned-texts.js';

export type TaskState = 'queued' | 'running' | 'done' | 'failed';

/**
 * One task as the dashboard draws it; times are ms from its engine's start. The store keeps tasks
 * as columns (below) and makes this view at each read: compare by fields, not identity.
 */
export type TaskView = {
	readonly id: number;
	readonly lane: number | null;
	readonly state: TaskState;
	readonly startMs: number | null;
	readonly endMs: number | null;
	readonly progress: number;
	readonly error: string | null;
	/** The core the task last ran on, once it ended (Linux). */
	readonly cpu: number | null;
};

/** Tasks per chunk: a change copies one chunk's columns (about 30 KB), never a 100,000-long table. */
const chunkBits = 10;
const chunkSize = 1 << chunkBits;
const inChunk = chunkSize - 1;

const states: readonly TaskState[] = ['queued', 'running', 'done', 'failed'];
const stateCodes: Readonly<Record<TaskState, number>> = {queued: 0, running: 1, done: 2, failed: 3};

/** A chunk of tasks as columns: about 31 bytes a task, where an object per task took about 120. */
type Chunk = {
	readonly state: Uint8Array;
	/** -1: none yet. */
	readonly lane: Int32Array;
	/** NaN: none yet. */
	readonly startMs: Float64Array;
	readonly endMs: Float64Array;
	readonly progress: Float64Array;
	/** -1: not known. */
	readonly cpu: Int16Array;
	/** Failed tasks' reasons, made on the chunk's first failure. */
	errors: Array<string | null> | undefined;
};

function newChunk(): Chunk {
	return {
		state: new Uint8Array(chunkSize),
		lane: new Int32Array(chunkSize).fill(-1),
		startMs: new Float64Array(chunkSize).fill(Number.NaN),
		endMs: new Float64Array(chunkSize).fill(Number.NaN),
		progress: new Float64Array(chunkSize),
		cpu: new Int16Array(chunkSize).fill(-1),
		errors: undefined,
	};
}

function copyOf(chunk: Chunk): Chunk {
	return {
		state: chunk.state.slice(),
		lane: chunk.lane.slice(),
		startMs: chunk.startMs.slice(),
		endMs: chunk.endMs.slice(),
		progress: chunk.progress.slice(),
		cpu: chunk.cpu.slice(),
		errors: chunk.errors?.slice(),
	};
}

const orNull = (value: number) => (Number.isNaN(value) ? null : value);

/** A task's start or end, read without making its view (null: none yet, or no such task). */
function timeIn(chunks: readonly Chunk[], length: number, id: number, name: 'startMs' | 'endMs'): number | null {
	return id >= 0 && id < length ? orNull(chunks[id >> chunkBits]![name][id & inChunk]!) : null;
}

function taskIn(chunks: readonly Chunk[], length: number, id: number): TaskView | undefined {
	if (id < 0 || id >= length) return undefined;
	const chunk = chunks[id >> chunkBits]!;
	const at = id & inChunk;
	const lane = chunk.lane[at]!;
	const cpu = chunk.cpu[at]!;
	return {
		id,
		lane: lane < 0 ? null : lane,
		state: states[chunk.state[at]!]!,
		startMs: orNull(chunk.startMs[at]!),
		endMs: orNull(chunk.endMs[at]!),
		progress: chunk.progress[at]!,
		error: chunk.errors?.[at] ?? null,
		cpu: cpu < 0 ? null : cpu,
	};
}

/**
 * The tasks the store publishes, by id: never changed once published. Each read gives a new
 * TaskView of the task as it was published (compare tasks by their fields, not by identity).
 * The next table shares every chunk that did not change since.
 */
export class FrozenTaskTable {
	constructor(
		private readonly chunks: readonly Chunk[],
		readonly length: number,
	) {
		Object.freeze(this);
	}

	at(id: number): TaskView | undefined {
		return taskIn(this.chunks, this.length, id);
	}

	/** Single fields, read without making the task's view (lane occupancy reads every open task at each frame). */
	startMsOf(id: number): number | null {
		return timeIn(this.chunks, this.length, id, 'startMs');
	}

	endMsOf(id: number): number | null {
		return timeIn(this.chunks, this.length, id, 'endMs');
	}

	stateOf(id: number): TaskState {
		return id >= 0 && id < this.length ? states[this.chunks[id >> chunkBits]!.state[id & inChunk]!]! : 'queued';
	}

	map<U>(each: (task: TaskView, id: number) => U): U[] {
		return Array.from({length: this.length}, (_, id) => each(this.at(id)!, id));
	}
}

/**
 * The store's side of a FrozenTaskTable: tasks as columns of typed arrays, in chunks of 1,024;
 * a chunk shared with the last published table is copied on its first change.
 */
export class TaskTable {
	private readonly chunks: Chunk[] = [];
	private size = 0;
	/** Chunks only this draft holds, changed in place; the others belong to the last published table too. */
	private readonly owned = new Set<number>();
	private published: FrozenTaskTable | undefined;
	/** Many tasks fail alike: one copy of each reason. */
	private readonly errorTexts = new InternedTexts();

	get length(): number {
		return this.size;
	}

	at(id: number): TaskView | undefined {
		return taskIn(this.chunks, this.size, id);
	}

	/** A task's start, read without making its view (null: not started, or no such task). */
	startMsOf(id: number): number | null {
		return timeIn(this.chunks, this.size, id, 'startMs');
	}

	/** Sets a task's fields, or adds the task (`id === length`, queued with nothing known yet). */
	set(id: number, fields: Partial<Omit<TaskView, 'id'>>): void {
		if (id < 0 || id > this.size) throw new RangeError(`task ${id} outside 0..${this.size}`);
		const chunk = this.ownedChunk(id >> chunkBits);
		const at = id & inChunk;
		if (id === this.size) this.size++;
		if (fields.state !== undefined) chunk.state[at] = stateCodes[fields.state];
		if (fields.lane !== undefined) chunk.lane[at] = fields.lane ?? -1;
		if (fields.startMs !== undefined) chunk.startMs[at] = fields.startMs ?? Number.NaN;
		if (fields.endMs !== undefined) chunk.endMs[at] = fields.endMs ?? Number.NaN;
		if (fields.progress !== undefined) chunk.progress[at] = fields.progress;
		if (fields.cpu !== undefined) chunk.cpu[at] = fields.cpu ?? -1;
		if (fields.error !== undefined && (fields.error !== null || chunk.errors)) {
			chunk.errors ??= [];
			chunk.errors[at] = this.errorTexts.of(fields.error);
		}

		this.published = undefined;
	}

	/** The table as it is now; the same object until something changes. */
	publish(): FrozenTaskTable {
		if (!this.published) {
			this.published = new FrozenTaskTable([...this.chunks], this.size);
			this.owned.clear();
		}

		return this.published;
	}

	private ownedChunk(index: number): Chunk {
		if (index === this.chunks.length) this.chunks.push(newChunk());
		else if (!this.owned.has(index)) this.chunks[index] = copyOf(this.chunks[index]!);
		this.owned.add(index);
		return this.chunks[index]!;
	}
}
