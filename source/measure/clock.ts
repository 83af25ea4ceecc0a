import {performance} from 'node:perf_hooks';
import {monotonicNow} from '../util/own-globals.js';

/** Wall-clock ms since the epoch with sub-ms precision, comparable across processes. */
const origin = performance.timeOrigin;

export function epochNow(): number {
	return origin + monotonicNow();
}
