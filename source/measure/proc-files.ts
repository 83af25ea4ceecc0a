import {closeSync, openSync, readFileSync, readSync} from 'node:fs';

/** The largest file read through a kept descriptor; a larger one (/proc/stat on a big machine) is read whole each time. */
const maxKeptBytes = 64 * 1024;

/**
 * Reads small /proc files again and again through descriptors kept open: one pread a reading,
 * where readFileSync makes five system calls (open, fstat, read, read, close). The samplers read
 * every process of the run's tree several times a second.
 *
 * A descriptor stays tied to the process it was opened for: once that process is gone its reads
 * fail (or, for a `children` file, come back empty), so the path is then opened afresh and a reused
 * pid is read as the new process, as readFileSync would. An empty file is not kept (it could be a
 * dead process's). At most `capacity` descriptors are kept; past that all are closed and the next
 * readings open them again. A process that is gone but never read again keeps its descriptors
 * until `closeAll`: the core sampler calls it when a run ends.
 */
export class ProcFiles {
	private readonly kept = new Map<string, number>();
	private buffer = Buffer.allocUnsafe(4096);

	constructor(private readonly capacity = 256) {}

	/** The file's text (latin1), read now; throws as readFileSync does when it cannot be read. */
	read(path: string): string {
		const fd = this.kept.get(path);
		if (fd !== undefined) {
			const text = this.readFrom(fd);
			// Empty may mean gone: a dead process's `children` file reads as empty, not as an error.
			if (text !== null && text !== '') return text;
			this.forget(path, fd);
		}

		const opened = openSync(path, 'r');
		const text = this.readFrom(opened);
		if (text === null || text === '') {
			closeSync(opened);
			return text ?? readFileSync(path, 'latin1');
		}

		if (this.kept.size >= this.capacity) this.closeAll();
		this.kept.set(path, opened);
		return text;
	}

	/** How many descriptors are open now. */
	get size(): number {
		return this.kept.size;
	}

	closeAll(): void {
		for (const [path, fd] of this.kept) this.forget(path, fd);
	}

	/** The whole file from its start, or null when it is gone or larger than is kept. */
	private readFrom(fd: number): string | null {
		for (;;) {
			let length: number;
			try {
				length = readSync(fd, this.buffer, 0, this.buffer.length, 0);
			} catch {
				return null;
			}

			if (length < this.buffer.length) return this.buffer.toString('latin1', 0, length);
			if (this.buffer.length >= maxKeptBytes) return null;
			this.buffer = Buffer.allocUnsafe(this.buffer.length * 2);
		}
	}

	private forget(path: string, fd: number): void {
		this.kept.delete(path);
		try {
			closeSync(fd);
		} catch {
			// Already closed: nothing holds it.
		}
	}
}

/** The process's one reader: every /proc file the samplers and watchdogs read again and again. */
export const procFiles = new ProcFiles();
