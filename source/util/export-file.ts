import {randomBytes} from 'node:crypto';
import {
	closeSync,
	constants,
	fchmodSync,
	fchownSync,
	fstatSync,
	ftruncateSync,
	lstatSync,
	openSync,
	readdirSync,
	readlinkSync,
	realpathSync,
	renameSync,
	rmSync,
	statSync,
	writeSync,
	type Stats,
} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {processExists} from './process-alive.js';
import {textPieces} from './text-pieces.js';
import {UsageError} from './usage-error.js';

/** An export that could not be written after the run (the disk filled, the target changed): its flag and why, in one line. */
export class ExportError extends Error {
	override name = 'ExportError';
}

/**
 * concur-tui's own temporary files, beside the target: a name no user's file has (the target's
 * name is not in it, so a 255-byte target name still leaves room), created exclusively, so an
 * export never opens, replaces or removes a file it did not create.
 */
const temporaryPattern = /^\.concur-tui-(\d+)-[\da-f]{8}\.tmp$/;

function temporaryIn(folder: string): string {
	return join(folder, `.concur-tui-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Temporary files of an earlier concur-tui killed mid-export (SIGKILL) go; those of a live one stay. */
function removeStaleTemporaries(folder: string): void {
	try {
		for (const entry of readdirSync(folder)) {
			const match = temporaryPattern.exec(entry);
			if (match && !processExists(Number(match[1]))) rmSync(join(folder, entry), {force: true});
		}
	} catch {
		// An unreadable folder keeps its files; the export itself says what is wrong.
	}
}

/** The path a chain of symlinks ends at, a dangling one included (the link stays a link and its target gets the file). */
function followLinks(flag: string, path: string): string {
	let target = resolve(path);
	for (let hops = 0; hops < 40; hops++) {
		let stat: Stats;
		try {
			stat = lstatSync(target);
		} catch {
			return target;
		}

		if (!stat.isSymbolicLink()) return target;
		target = resolve(dirname(target), readlinkSync(target));
	}

	throw new UsageError(`--${flag} ${path}: too many levels of symbolic links`);
}

function statOrNull(path: string): Stats | null {
	try {
		return statSync(path);
	} catch {
		return null;
	}
}

function code(error: unknown): string {
	const {code: errorCode, message} = error as NodeJS.ErrnoException;
	return errorCode ?? message;
}

/**
 * Where an export goes and how, found when the flags are read: a symlink is followed, dangling or
 * not; a device (/dev/null, a terminal) is written into. A directory, a named pipe (opening one
 * with no reader would block), a missing folder, or a target that cannot be written is a
 * UsageError before the run.
 */
function resolveTarget(flag: string, path: string): {path: string; isDevice: boolean} {
	// What is there, through every link (/dev/stdout included); a dangling link is followed by hand.
	const stat = statOrNull(path);
	const target = stat ? (stat.isFile() ? realpathSync(path) : resolve(path)) : followLinks(flag, path);
	if (stat?.isDirectory()) throw new UsageError(`--${flag} ${path} is a directory; give a file path`);
	if (stat?.isFIFO() || stat?.isSocket()) {
		throw new UsageError(`--${flag} ${path} is a ${stat.isFIFO() ? 'pipe' : 'socket'}; concur-tui writes exports to files (--json prints the document to standard output)`);
	}
	if (stat && !stat.isFile()) return {path: target, isDevice: true};
	const folder = dirname(target);
	if (!statOrNull(folder)?.isDirectory()) throw new UsageError(`--${flag} ${path}: the folder ${folder} does not exist`);
	return {path: target, isDevice: false};
}

function writeAll(fd: number, chunks: Iterable<string>): void {
	for (const piece of textPieces(chunks)) writeSync(fd, piece);
}

/**
 * Gives a new file the mode and owner of the file it replaces; false when this process may not
 * (another user's file, and concur-tui is not root): that file is then written in place.
 */
function takeOver(fd: number, existing: Stats): boolean {
	try {
		fchmodSync(fd, existing.mode & 0o7777);
		const own = fstatSync(fd);
		if (own.uid !== existing.uid || own.gid !== existing.gid) fchownSync(fd, existing.uid, existing.gid);
		return true;
	} catch {
		return false;
	}
}

/** An export file named by a flag: checked when the flags are read, written after each run. */
export class ExportFile {
	private readonly target: {path: string; isDevice: boolean};

	constructor(
		private readonly flag: string,
		readonly path: string,
	) {
		this.target = resolveTarget(flag, path);
	}

	/** The file this export writes: its symlinks followed. */
	get targetPath(): string {
		return this.target.path;
	}

	/** A device (/dev/null, a terminal): written into, never replaced. */
	get isDevice(): boolean {
		return this.target.isDevice;
	}

	/**
	 * Checks a target before any engine runs (see resolveTarget): a file that exists must open for
	 * writing (not read-only, not immutable), and a folder must take a new file (one is created and
	 * removed).
	 */
	static check(flag: string, path: string): ExportFile {
		const file = new ExportFile(flag, path);
		const {path: target, isDevice} = file.target;
		try {
			if (isDevice || statOrNull(target)) {
				// O_NONBLOCK: a device (a terminal) must not hold the check.
				closeSync(openSync(target, constants.O_WRONLY | constants.O_NONBLOCK));
			}

			if (!isDevice) {
				const temporary = temporaryIn(dirname(target));
				closeSync(openSync(temporary, 'wx'));
				rmSync(temporary, {force: true});
			}
		} catch (error) {
			throw new UsageError(`--${flag} ${path} cannot be written: ${code(error)}`);
		}

		return file;
	}

	/**
	 * Writes `chunks` in order. A regular file is replaced once it is whole, through a temporary
	 * file given the old one's mode and owner; one with other hard links, or whose owner this
	 * process cannot give, is written in place (its links and owner stay); a device is written into.
	 * Any failure is an ExportError naming the flag; the temporary file goes.
	 */
	write(chunks: Iterable<string>): void {
		const {path, isDevice} = this.target;
		const existing = isDevice ? null : statOrNull(path);
		if (isDevice || (existing && existing.nlink > 1)) {
			this.writeInPlace(path, chunks, isDevice);
			return;
		}

		const folder = dirname(path);
		removeStaleTemporaries(folder);
		const temporary = temporaryIn(folder);
		let fd: number | undefined;
		try {
			fd = openSync(temporary, 'wx');
			if (existing && !takeOver(fd, existing)) {
				closeSync(fd);
				fd = undefined;
				rmSync(temporary, {force: true});
				this.writeInPlace(path, chunks, false);
				return;
			}

			writeAll(fd, chunks);
			closeSync(fd);
			fd = undefined;
			renameSync(temporary, path);
		} catch (error) {
			if (fd !== undefined) closeSync(fd);
			rmSync(temporary, {force: true});
			if (error instanceof ExportError) throw error;
			throw new ExportError(`--${this.flag} ${this.path} not written: ${code(error)}`);
		}
	}

	private writeInPlace(path: string, chunks: Iterable<string>, isDevice: boolean): void {
		let fd: number | undefined;
		try {
			fd = openSync(path, isDevice ? constants.O_WRONLY | constants.O_NONBLOCK : constants.O_WRONLY);
			if (!isDevice) ftruncateSync(fd, 0);
			writeAll(fd, chunks);
		} catch (error) {
			throw new ExportError(`--${this.flag} ${this.path} not written: ${code(error)}`);
		} finally {
			if (fd !== undefined) closeSync(fd);
		}
	}
}
