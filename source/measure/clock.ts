import {performance} from 'node:perf_hooks';

/** Wall-clock ms since the epoch with sub-ms precision, comparable across processes. */
export function epochNow(): number {
	return performance.timeOrigin + performance.now();
}
