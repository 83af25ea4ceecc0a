import {performance} from 'node:perf_hooks';

// The globals an engine keeps for itself, taken when concur-tui's code loads: before any task module,
// which may replace them (fake-timer libraries replace the timers, Date and performance.now; a module
// may replace Promise). An engine's deadlines, flushes and promises must not run on the task's
// clock: a module that stops time must not stop its own time budget.

/** The Promise of this realm as it was at load: `new`, `instanceof` and its statics. */
export const OwnPromise = Promise;
/** JSON.parse as Node made it (a task module may replace the global's). */
export const parseJson: (text: string) => unknown = JSON.parse.bind(JSON);
export const {setTimeout, clearTimeout, setInterval, clearInterval} = globalThis;
/** performance.now as it was at load. */
export const monotonicNow: () => number = performance.now.bind(performance);

/** The timers and clock a component runs on: its own by default, the test's fake ones in a test. */
export type Clock = {
	readonly setInterval: (callback: () => void, ms: number) => NodeJS.Timeout;
	readonly clearInterval: (timer: NodeJS.Timeout | undefined) => void;
	readonly now: () => number;
};

export const ownClock: Clock = {setInterval, clearInterval, now: monotonicNow};
