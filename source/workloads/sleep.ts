import type {TaskContext} from './task-function.js';

type Sleeper = {
	readonly report: (now: number) => void;
	readonly cancel: (reason: unknown) => void;
	readonly signal: AbortSignal;
	/** Where it is in `sleepers`. */
	index: number;
};

/** The sleepers of one signal, and the one listener that cancels them all when it aborts. */
type SignalWatch = {readonly sleepers: Set<Sleeper>; readonly onAbort: () => void};

/**
 * Waiting without using CPU, however many tasks wait at once.
 *
 * Aborts are heard, not polled: one listener per signal, whatever the number of sleepers on it
 * (every task without --timeout shares one signal, and Node adds a listener to an EventTarget in
 * time that grows with those it has: 10,000 of them on one signal took 141 ms here).
 *
 * Progress is reported by one shared 50 ms ticker that visits at most `visitsPerTick` sleepers a
 * tick, taking turns: up to that many, each reports every 50 ms; beyond, each as often as its
 * turn comes (100,000 sleepers: every 2.5 s). Visiting every sleeper every tick made 100,000 tasks
 * asleep on one event loop read as a busy core: 9.2 s of CPU over 8.5 s (`-e async -w sleep
 * --task-ms 8000 -n 100000`; 1.25 s with the ticker idle).
 */
const sleepers: Sleeper[] = [];
const watches = new Map<AbortSignal, SignalWatch>();
let ticker: NodeJS.Timeout | undefined;
let turn = 0;
const tickMs = 50;
export const visitsPerTick = 2000;

function tick(): void {
	const now = performance.now();
	const visits = Math.min(sleepers.length, visitsPerTick);
	for (let visit = 0; visit < visits; visit++) {
		if (turn >= sleepers.length) turn = 0;
		sleepers[turn++]!.report(now);
	}
}

function watch(sleeper: Sleeper): void {
	sleeper.index = sleepers.length;
	sleepers.push(sleeper);
	const {signal} = sleeper;
	let watching = watches.get(signal);
	if (!watching) {
		const onSignal = new Set<Sleeper>();
		const onAbort = () => {
			for (const each of [...onSignal]) each.cancel(signal.reason);
		};

		watching = {sleepers: onSignal, onAbort};
		watches.set(signal, watching);
		signal.addEventListener('abort', onAbort, {once: true});
	}

	watching.sleepers.add(sleeper);
	ticker ??= setInterval(tick, tickMs).unref();
}

function unwatch(sleeper: Sleeper): void {
	// The last sleeper takes its place: the list stays dense, in O(1).
	const last = sleepers.pop()!;
	if (last !== sleeper) {
		sleepers[sleeper.index] = last;
		last.index = sleeper.index;
	}

	const watching = watches.get(sleeper.signal);
	watching?.sleepers.delete(sleeper);
	if (watching && watching.sleepers.size === 0) {
		watches.delete(sleeper.signal);
		sleeper.signal.removeEventListener('abort', watching.onAbort);
	}

	if (sleepers.length === 0 && ticker) {
		clearInterval(ticker);
		ticker = undefined;
	}
}

/**
 * Progress for a wait of about `ms` that something else ends (a timer, an answer): reported by
 * the shared ticker, by time, up to `from + span × cap`; an abort of the task's signal calls
 * `onAbort` with its reason. Returns what ends the watch (call it once the wait is over).
 */
export function watchWait(ms: number, context: TaskContext, onAbort: (reason: unknown) => void, from = 0, span = 1, cap = 1): () => void {
	const start = performance.now();
	let watching = true;
	const stop = () => {
		if (!watching) return;
		watching = false;
		unwatch(sleeper);
	};

	const sleeper: Sleeper = {
		report(now) {
			context.progress(from + span * Math.min(cap, (now - start) / ms));
		},
		cancel(reason) {
			stop();
			onAbort(reason);
		},
		signal: context.signal,
		index: 0,
	};
	watch(sleeper);
	return stop;
}

export async function sleep(ms: number, context: TaskContext, from = 0, span = 1): Promise<void> {
	context.signal.throwIfAborted();
	await new Promise<void>((resolve, reject) => {
		const stop = watchWait(ms, context, (reason) => {
			clearTimeout(timer);
			reject(reason instanceof Error ? reason : new Error(String(reason)));
		}, from, span);
		const timer = setTimeout(() => {
			stop();
			context.progress(from + span);
			resolve();
		}, ms);
	});
}
