import type {TaskContext} from './task-function.js';

const chunk = 20_000;
const progressEveryMs = 25;

/**
 * A pure JS loop (xorshift) of `iterations` steps: it keeps one core busy and never yields,
 * so on an event loop it blocks everything else until it returns.
 */
export function spin(iterations: number, context: TaskContext, from = 0, span = 1): number {
	let x = 0x9e_37_79_b9 | 0;
	let done = 0;
	let lastReport = performance.now();
	while (done < iterations) {
		const n = Math.min(chunk, iterations - done);
		for (let i = 0; i < n; i++) {
			x ^= x << 13;
			x ^= x >>> 17;
			x ^= x << 5;
		}

		done += n;
		const now = performance.now();
		if (now - lastReport >= progressEveryMs) {
			lastReport = now;
			context.progress(from + (span * done) / iterations);
			context.signal.throwIfAborted();
		}
	}

	context.progress(from + span);
	return x;
}

const silent: TaskContext = {progress() {}, signal: new AbortController().signal};

/** Iterations of `spin` per ms on this machine: the best of a few ~40 ms measurements. */
export function calibrateSpin(): number {
	spin(200_000, silent);
	let iterations = 200_000;
	let best = 0;
	for (let round = 0; round < 8 && (round < 3 || best === 0); round++) {
		const start = performance.now();
		spin(iterations, silent);
		const ms = performance.now() - start;
		if (ms < 20) {
			iterations *= 2;
			continue;
		}

		best = Math.max(best, iterations / ms);
	}

	return best;
}
