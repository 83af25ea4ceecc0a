import {procFiles} from './proc-files.js';
import {monotonicNow} from '../util/own-globals.js';

/**
 * The OS thread id and the core this thread last ran on, from Linux's /proc/thread-self/stat
 * (fields 1 and 39). Both are null where the OS does not tell.
 */
export type ThreadPlace = {readonly tid: number | null; readonly cpu: number | null};

const unknown: ThreadPlace = {tid: null, cpu: null};
let cached: {place: ThreadPlace; at: number} | undefined;
let unavailable = process.platform !== 'linux';

/** Reading the file costs ~4 µs (a kept descriptor, proc-files.ts); 10,000 tasks ending at once share one reading per 2 ms. */
const cacheMs = 2;

export function currentThreadPlace(now = monotonicNow()): ThreadPlace {
	if (unavailable) return unknown;
	if (cached && now - cached.at < cacheMs) return cached.place;
	try {
		const place = parseThreadStat(procFiles.read('/proc/thread-self/stat'));
		cached = {place, at: now};
		return place;
	} catch {
		unavailable = true;
		return unknown;
	}
}

export function parseThreadStat(stat: string): ThreadPlace {
	const tid = Number.parseInt(stat, 10);
	// The command name (field 2) may hold spaces and parentheses: fields resume after the last ')'.
	const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const cpu = Number.parseInt(rest[39 - 3] ?? '', 10);
	return {tid: Number.isFinite(tid) ? tid : null, cpu: Number.isFinite(cpu) ? cpu : null};
}
