/** Entries per chunk: a change copies 1,024 references (8 KB), never a 100,000-long list. */
const chunkBits = 10;
const chunkSize = 1 << chunkBits;
const inChunk = chunkSize - 1;

/**
 * A list the store publishes: never changed once published. The next one shares every chunk
 * that did not change since, so publishing a list of 100,000 tasks ten times a second costs the
 * chunks that changed, not a copy of the whole list (which, as garbage in V8's large-object
 * space, was half of the dashboard's CPU while a pool worked through 100,000 tiny tasks).
 */
export class FrozenList<T> implements Iterable<T> {
	constructor(
		private readonly chunks: ReadonlyArray<readonly T[]>,
		readonly length: number,
	) {
		Object.freeze(this);
	}

	at(index: number): T | undefined {
		return index >= 0 && index < this.length ? this.chunks[index >> chunkBits]![index & inChunk] : undefined;
	}

	*[Symbol.iterator](): Iterator<T> {
		for (const chunk of this.chunks) yield* chunk;
	}

	map<U>(each: (value: T, index: number) => U): U[] {
		const mapped: U[] = [];
		for (const chunk of this.chunks) for (const value of chunk) mapped.push(each(value, mapped.length));
		return mapped;
	}

	toArray(): T[] {
		const all: T[] = [];
		for (const chunk of this.chunks) all.push(...chunk);
		return all;
	}
}

/** The store's side of a FrozenList: a chunk shared with the last published list is copied on its first change. */
export class ChunkedList<T> {
	private chunks: T[][] = [];
	private size = 0;
	/** Chunks only this draft holds, changed in place; the others belong to the last published list too. */
	private readonly owned = new Set<number>();
	private published: FrozenList<T> | undefined;

	get length(): number {
		return this.size;
	}

	at(index: number): T | undefined {
		return index >= 0 && index < this.size ? this.chunks[index >> chunkBits]![index & inChunk] : undefined;
	}

	/** Sets an entry, or appends one at `index === length`. */
	set(index: number, value: T): void {
		if (index < 0 || index > this.size) throw new RangeError(`index ${index} outside 0..${this.size}`);
		const chunk = index >> chunkBits;
		if (chunk === this.chunks.length) this.chunks.push([]);
		else if (!this.owned.has(chunk)) this.chunks[chunk] = [...this.chunks[chunk]!];
		this.owned.add(chunk);
		this.chunks[chunk]![index & inChunk] = value;
		if (index === this.size) this.size++;
		this.published = undefined;
	}

	push(value: T): void {
		this.set(this.size, value);
	}

	/** Inserts or removes in the middle: rare (a start that arrived late, a task started again), so the list is rebuilt. */
	splice(start: number, deleteCount: number, ...values: T[]): void {
		const all = this.chunks.flat();
		all.splice(start, deleteCount, ...values);
		this.chunks = [];
		this.size = 0;
		this.owned.clear();
		for (const value of all) this.push(value);
	}

	indexOf(value: T): number {
		for (let index = 0; index < this.size; index++) if (this.at(index) === value) return index;
		return -1;
	}

	/** The list as it is now; the same object until something changes. */
	publish(): FrozenList<T> {
		if (!this.published) {
			this.published = new FrozenList([...this.chunks], this.size);
			this.owned.clear();
		}

		return this.published;
	}
}
