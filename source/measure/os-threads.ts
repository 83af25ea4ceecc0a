import {readdirSync, readFileSync} from 'node:fs';
import type {ThreadCpu} from '../model/result-types.js';
import {msPerTick} from './process-cpu.js';
import {childrenOf} from './process-tree-cpu.js';

/** At most this many threads of one tree are read a sample (a 256-core pool of processes has thousands). */
const threadsReadPerTree = 256;

/**
 * One thread's name (the kernel's `comm`, 15 characters: Node 22 and later name libuv's and V8's
 * threads, Node 20 calls each "node") and the CPU it used since it started, from its /proc stat.
 */
export function parseThreadCpu(pid: number, tid: number, stat: string): ThreadCpu | null {
	const open = stat.indexOf('(');
	const close = stat.lastIndexOf(')');
	if (open < 0 || close < open) return null;
	const fields = stat.slice(close + 2).split(' ');
	// After the name: utime is field 14, stime 15 (11 and 12 here).
	const ticks = Number(fields[11]) + Number(fields[12]);
	return Number.isFinite(ticks) ? {pid, tid, name: stat.slice(open + 1, close), cpuMs: ticks * msPerTick} : null;
}

/**
 * Every OS thread of `root` and of the processes under it, with its CPU so far, in pid then tid
 * order, at most `limit`; Linux only (empty elsewhere or once the tree is gone).
 */
export function treeThreadCpu(root: number, limit = threadsReadPerTree): ThreadCpu[] {
	if (process.platform !== 'linux') return [];
	const threads: ThreadCpu[] = [];
	const pending = [root];
	const seen = new Set<number>();
	while (pending.length > 0 && threads.length < limit) {
		const pid = pending.shift()!;
		if (seen.has(pid)) continue;
		seen.add(pid);
		let tids: number[];
		try {
			tids = readdirSync(`/proc/${pid}/task`).map(Number).sort((a, b) => a - b);
		} catch {
			continue;
		}

		for (const tid of tids) {
			if (threads.length >= limit) break;
			try {
				// Opened and closed each time, never kept: a pool of 150 processes has 1,650 threads, and
				// under an open-file limit (ulimit -n 100) kept descriptors would take concur-tui's own.
				const thread = parseThreadCpu(pid, tid, readFileSync(`/proc/${pid}/task/${tid}/stat`, 'latin1'));
				if (thread) threads.push(thread);
			} catch {
				// The thread ended meanwhile.
			}
		}

		pending.push(...childrenOf(pid).sort((a, b) => a - b));
	}

	return threads;
}
