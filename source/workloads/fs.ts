import {closeSync, fsyncSync, openSync, readSync, rmSync, writeSync} from 'node:fs';
import {open} from 'node:fs/promises';
import {join} from 'node:path';
import {monotonicNow} from '../util/own-globals.js';
import type {TaskContext} from './task-function.js';

/** Bytes each round writes, makes durable (fsync) and reads back: a small record's worth. */
const fsBlockBytes = 64 * 1024;

const block = Buffer.alloc(fsBlockBytes, 0x2a);

/**
 * Real file I/O through libuv's thread pool: `rounds` times, the task's own file in `dir` is
 * written, fsync'ed to the disk, and read back, each step an async call (open, write, fsync,
 * close, open, read, close) that a pool thread runs while the JS thread waits on nothing.
 */
export async function fileRounds(dir: string, task: number, rounds: number, context: TaskContext): Promise<void> {
	const path = join(dir, `task-${task}.bin`);
	const readBack = Buffer.alloc(fsBlockBytes);
	for (let round = 0; round < rounds; round++) {
		context.signal.throwIfAborted();
		// Each round follows the one before: it rewrites the same file.
		// eslint-disable-next-line no-await-in-loop
		const written = await open(path, 'w');
		try {
			// eslint-disable-next-line no-await-in-loop
			await written.write(block, 0, fsBlockBytes, 0);
			// eslint-disable-next-line no-await-in-loop
			await written.sync();
		} finally {
			// eslint-disable-next-line no-await-in-loop
			await written.close();
		}

		// eslint-disable-next-line no-await-in-loop
		const read = await open(path, 'r');
		try {
			// eslint-disable-next-line no-await-in-loop
			const {bytesRead} = await read.read(readBack, 0, fsBlockBytes, 0);
			if (bytesRead !== fsBlockBytes) throw new Error(`read back ${bytesRead} of ${fsBlockBytes} bytes from ${path}`);
		} finally {
			// eslint-disable-next-line no-await-in-loop
			await read.close();
		}

		context.progress((round + 1) / rounds);
	}
}

/**
 * Rounds per ms on this machine's disk, one at a time on one thread (the same steps, synchronous):
 * the median of 15 rounds after 3 to warm up, in `dir`.
 */
export function calibrateFileRounds(dir: string): number {
	const path = join(dir, 'calibration.bin');
	const readBack = Buffer.alloc(fsBlockBytes);
	const times: number[] = [];
	try {
		for (let round = 0; round < 18; round++) {
			const start = monotonicNow();
			const written = openSync(path, 'w');
			writeSync(written, block, 0, fsBlockBytes, 0);
			fsyncSync(written);
			closeSync(written);
			const read = openSync(path, 'r');
			readSync(read, readBack, 0, fsBlockBytes, 0);
			closeSync(read);
			if (round >= 3) times.push(monotonicNow() - start);
		}
	} finally {
		rmSync(path, {force: true});
	}

	times.sort((a, b) => a - b);
	return 1 / Math.max(0.001, times[Math.floor(times.length / 2)]!);
}
