import type {TaskContext} from './task-function.js';

/**
 * Waiting without using CPU. One shared 50 ms ticker reports the progress of every sleeping
 * task, so 10,000 sleeps cost one interval, not 10,000.
 */
const sleepers = new Set<() => void>();
let ticker: NodeJS.Timeout | undefined;
const tickMs = 50;

function tick(): void {
	for (const report of sleepers) report();
}

function watch(report: () => void): void {
	sleepers.add(report);
	ticker ??= setInterval(tick, tickMs).unref();
}

function unwatch(report: () => void): void {
	sleepers.delete(report);
	if (sleepers.size === 0 && ticker) {
		clearInterval(ticker);
		ticker = undefined;
	}
}

export async function sleep(ms: number, context: TaskContext, from = 0, span = 1): Promise<void> {
	context.signal.throwIfAborted();
	const start = performance.now();
	await new Promise<void>((resolve, reject) => {
		const report = () => {
			context.progress(from + (span * Math.min(1, (performance.now() - start) / ms)));
		};

		const onAbort = () => {
			clearTimeout(timer);
			unwatch(report);
			reject(context.signal.reason as Error);
		};

		const timer = setTimeout(() => {
			unwatch(report);
			context.signal.removeEventListener('abort', onAbort);
			context.progress(from + span);
			resolve();
		}, ms);
		watch(report);
		context.signal.addEventListener('abort', onAbort, {once: true});
	});
}
