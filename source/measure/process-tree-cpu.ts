import {readFileSync} from 'node:fs';

/** Kernel clock ticks per second for /proc times (USER_HZ: 100 on every Linux build Node supports). */
export const ticksPerSecond = 100;
const msPerTick = 1000 / ticksPerSecond;

/** utime + stime + cutime + cstime of one process, in ticks; null if it is gone. */
function processTicks(pid: number): number | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
		// Fields after the command name (which may hold spaces): state is field 3, utime 14.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
	} catch {
		return null;
	}
}

/** Children of a process, as its main thread's `children` file lists them (Linux 3.5+). */
function childrenOf(pid: number): number[] {
	try {
		const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1').trim();
		return text === '' ? [] : text.split(' ').map(Number);
	} catch {
		return [];
	}
}

/**
 * CPU time (ms) used so far by `root` and every live descendant, every thread of each included,
 * plus what descendants that exited and were waited for had used (the kernel adds it to their
 * parent's cutime and cstime). Linux only: null elsewhere or once `root` is gone. Each process
 * is counted once: a live child's time is its own, a reaped one's is in its parent's.
 */
export function processTreeCpuMs(root: number): number | null {
	if (process.platform !== 'linux') return null;
	const rootTicks = processTicks(root);
	if (rootTicks === null) return null;
	let ticks = rootTicks;
	const pending = childrenOf(root);
	const seen = new Set([root]);
	while (pending.length > 0) {
		const pid = pending.pop()!;
		if (seen.has(pid)) continue;
		seen.add(pid);
		ticks += processTicks(pid) ?? 0;
		pending.push(...childrenOf(pid));
	}

	return ticks * msPerTick;
}
