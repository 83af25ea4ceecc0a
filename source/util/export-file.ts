import {closeSync, constants, existsSync, lstatSync, openSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeSync} from 'node:fs';
import {basename, dirname, join, resolve} from 'node:path';
import {textPieces} from './text-pieces.js';
import {UsageError} from './usage-error.js';

/** How a target is written: replaced through a temporary file, or written into as it is. */
type WriteMode = 'replace' | 'into';

const temporaryPattern = /^\.(.+)\.(\d+)\.tmp$/;

function temporaryOf(path: string): string {
	return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Temporary files of an earlier concur-tui that was killed mid-export (SIGKILL) go. */
function removeStaleTemporaries(path: string): void {
	try {
		for (const entry of readdirSync(dirname(path))) {
			const match = temporaryPattern.exec(entry);
			if (match?.[1] === basename(path) && !isAlive(Number(match[2]))) rmSync(join(dirname(path), entry), {force: true});
		}
	} catch {
		// An unreadable folder keeps its files; the export itself says what is wrong.
	}
}

/**
 * Where an export really goes and how: a symlink is followed (the link stays a link), a regular
 * file or a new one is replaced through a temporary file beside it (an interrupted write leaves
 * no broken file), and a device (/dev/null, a terminal) is written into, never replaced.
 * A directory, a named pipe (opening one with no reader would block), a missing folder or one
 * where nothing can be created is a UsageError, found before the run.
 */
function resolveTarget(flag: string, path: string): {path: string; mode: WriteMode} {
	let target = resolve(path);
	if (existsSync(target) && lstatSync(target).isSymbolicLink()) target = realpathSync(target);
	if (existsSync(target)) {
		const stat = statSync(target);
		if (stat.isDirectory()) throw new UsageError(`--${flag} ${path} is a directory; give a file path`);
		if (stat.isFIFO()) throw new UsageError(`--${flag} ${path} is a named pipe; concur-tui writes exports to files (--json prints the document)`);
		if (!stat.isFile()) return {path: target, mode: 'into'};
	}

	const folder = dirname(target);
	if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--${flag} ${path}: the folder ${folder} does not exist`);
	return {path: target, mode: 'replace'};
}

function writeAll(fd: number, chunks: Iterable<string>): void {
	for (const piece of textPieces(chunks)) writeSync(fd, piece);
}

/** Opens `path` with `flags`, writes `chunks` in order, and closes it whatever happens. */
function writeChunks(path: string, flags: string | number, chunks: Iterable<string>): void {
	const fd = openSync(path, flags);
	try {
		writeAll(fd, chunks);
	} finally {
		closeSync(fd);
	}
}

/** An export file named by a flag: checked when the flags are read, written after each run. */
export class ExportFile {
	private readonly target: {path: string; mode: WriteMode};

	constructor(
		private readonly flag: string,
		readonly path: string,
	) {
		this.target = resolveTarget(flag, path);
	}

	/**
	 * Checks a target before any engine runs (see resolveTarget); a folder where nothing can be
	 * created fails now, by creating and removing the temporary file once.
	 */
	static check(flag: string, path: string): void {
		const {target} = new ExportFile(flag, path);
		if (target.mode !== 'replace') return;
		const temporary = temporaryOf(target.path);
		try {
			closeSync(openSync(temporary, 'w'));
		} catch (error) {
			throw new UsageError(`--${flag} ${path} cannot be written: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
		} finally {
			rmSync(temporary, {force: true});
		}
	}

	/** Writes `chunks` in order; a regular file is replaced only once it is whole. */
	write(chunks: Iterable<string>): void {
		const {path, mode} = this.target;
		if (mode === 'into') {
			writeChunks(path, constants.O_WRONLY | constants.O_NONBLOCK, chunks);
			return;
		}

		removeStaleTemporaries(path);
		const temporary = temporaryOf(path);
		try {
			writeChunks(temporary, 'w', chunks);
			renameSync(temporary, path);
		} catch (error) {
			rmSync(temporary, {force: true});
			throw new Error(`--${this.flag} ${this.path} not written: ${(error as Error).message}`);
		}
	}
}
