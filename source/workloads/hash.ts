import {pbkdf2, pbkdf2Sync} from 'node:crypto';
import {promisify} from 'node:util';
import type {TaskContext} from './task-function.js';

const pbkdf2Async = promisify(pbkdf2);
const chunkMs = 25;

function derive(iterations: number): Promise<Buffer> {
	return pbkdf2Async('concur-tui', 'salt', iterations, 32, 'sha256');
}

/**
 * crypto.pbkdf2 through its async API: the hashing runs on libuv's thread pool, not on the
 * calling JS thread, in chunks of about 25 ms so progress can be reported.
 */
export async function hash(iterations: number, iterationsPerMs: number, context: TaskContext): Promise<void> {
	const chunk = Math.max(1, Math.round(iterationsPerMs * chunkMs));
	let done = 0;
	while (done < iterations) {
		const n = Math.min(chunk, iterations - done);
		// Chunks must run one after another: each depends on the task's progress so far.
		// eslint-disable-next-line no-await-in-loop
		await derive(n);
		done += n;
		context.progress(done / iterations);
		context.signal.throwIfAborted();
	}
}

/** pbkdf2 iterations per ms on this machine: the best of three ~30 ms measurements. */
export function calibrateHash(): number {
	pbkdf2Sync('warm', 'up', 1000, 32, 'sha256');
	let iterations = 5000;
	let best = 0;
	for (let round = 0; round < 8 && (round < 3 || best === 0); round++) {
		const start = performance.now();
		pbkdf2Sync('concur-tui', 'salt', iterations, 32, 'sha256');
		const ms = performance.now() - start;
		if (ms < 15) {
			iterations *= 2;
			continue;
		}

		best = Math.max(best, iterations / ms);
	}

	return best;
}
