import {readFileSync} from 'node:fs';

/** Kernel clock ticks per second for /proc/<pid>/stat times (USER_HZ, 100 on Linux builds). */
const ticksPerSecond = 100;

/** CPU ms (user + system) a process has used so far, from /proc on Linux; null elsewhere or if gone. */
export function processCpuMs(pid: number): number | null {
	if (process.platform !== 'linux') return null;
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// utime and stime are fields 14 and 15; fields here start at field 3.
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
	} catch {
		return null;
	}
}

/** CPU ms one thread of this process has used so far (its tid; the main thread's is the pid); null elsewhere. */
export function threadCpuMs(tid: number): number | null {
	if (process.platform !== 'linux') return null;
	try {
		const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
	} catch {
		return null;
	}
}
