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

/**
 * Iterations of `spin` per ms on this machine: the best of ~10 ms rounds over 200 ms. Other work
 * on the machine (the dashboard starting up, on a sibling hyperthread) comes in bursts and only
 * slows some rounds; the best round is the machine's own speed. One long round read 30-50% low.
 */
export function calibrateSpin(): number {
	return bestRate((iterations) => spin(iterations, silent), 100_000);
}

/** The best rate (units per ms) of `run` over rounds of about 10 ms, for about 200 ms in all. */
export function bestRate(run: (units: number) => unknown, firstUnits: number, roundMs = 10, totalMs = 200): number {
	run(firstUnits);
	let units = firstUnits;
	let best = 0;
	const start = performance.now();
	while (performance.now() - start < totalMs || best === 0) {
		const roundStart = performance.now();
		run(units);
		const ms = performance.now() - roundStart;
		if (ms < roundMs / 2) units *= 2;
		else best = Math.max(best, units / ms);
	}

	return best;
}
