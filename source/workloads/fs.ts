import {rm, open, type FileHandle} from 'node:fs/promises';
import {join} from 'node:path';
import {monotonicNow} from '../util/own-globals.js';
import type {TaskContext} from './task-function.js';

/** Bytes each round writes, makes durable (fsync) and reads back: a small record's worth. */
const fsBlockBytes = 64 * 1024;

const block = Buffer.alloc(fsBlockBytes, 0x2a);

/** Writes all of `block`: a short write (a disk filling up) goes on, so a full disk says ENOSPC. */
async function writeAll(file: FileHandle): Promise<void> {
	let written = 0;
	while (written < fsBlockBytes) {
		// eslint-disable-next-line no-await-in-loop -- the rest of a short write, after it
		const {bytesWritten} = await file.write(block, written, fsBlockBytes - written, written);
		if (bytesWritten === 0) throw new Error(`wrote ${written} of ${fsBlockBytes} bytes: the disk took no more`);
		written += bytesWritten;
	}
}

/** One round on `path`: open, write, fsync, close, open, read back, close: each a request to libuv's pool. */
async function fileRound(path: string, readBack: Buffer): Promise<void> {
	const written = await open(path, 'w');
	try {
		await writeAll(written);
		await written.sync();
	} finally {
		await written.close();
	}

	const read = await open(path, 'r');
	try {
		const {bytesRead} = await read.read(readBack, 0, fsBlockBytes, 0);
		if (bytesRead !== fsBlockBytes) throw new Error(`read back ${bytesRead} of ${fsBlockBytes} bytes from ${path}`);
	} finally {
		await read.close();
	}
}

/**
 * Real file I/O through libuv's thread pool: `rounds` times, the task's own file in `dir` is
 * written, fsync'ed to the disk and read back, each step an async call a pool thread runs while
 * the JS thread waits on nothing. The file is removed when the task ends.
 */
export async function fileRounds(dir: string, task: number, rounds: number, context: TaskContext): Promise<void> {
	const path = join(dir, `task-${task}.bin`);
	const readBack = Buffer.alloc(fsBlockBytes);
	try {
		for (let round = 0; round < rounds; round++) {
			context.signal.throwIfAborted();
			// Each round follows the one before: it rewrites the same file.
			// eslint-disable-next-line no-await-in-loop
			await fileRound(path, readBack);
			context.progress((round + 1) / rounds);
		}
	} finally {
		await rm(path, {force: true});
	}
}

/**
 * Rounds per ms on this machine's disk, one at a time, the same async steps a task takes: the
 * median of 15 rounds after 3 to warm up, in `dir`. So one task alone takes about its length.
 */
export async function calibrateFileRounds(dir: string): Promise<number> {
	const path = join(dir, 'calibration.bin');
	const readBack = Buffer.alloc(fsBlockBytes);
	const times: number[] = [];
	try {
		for (let round = 0; round < 18; round++) {
			const start = monotonicNow();
			// eslint-disable-next-line no-await-in-loop -- rounds one after another, as a task does them
			await fileRound(path, readBack);
			if (round >= 3) times.push(monotonicNow() - start);
		}
	} finally {
		await rm(path, {force: true});
	}

	times.sort((a, b) => a - b);
	return 1 / Math.max(0.001, times[Math.floor(times.length / 2)]!);
}
