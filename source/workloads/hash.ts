import {pbkdf2, pbkdf2Sync} from 'node:crypto';
import {promisify} from 'node:util';
import {bestRate} from './cpu.js';
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

/** pbkdf2 iterations per ms on this machine, measured as the cpu workload is (see bestRate). */
export function calibrateHash(): number {
	return bestRate((iterations) => pbkdf2Sync('concur-tui', 'salt', Math.round(iterations), 32, 'sha256'), 2000);
}
