import {procFiles} from './proc-files.js';

/** Kernel clock ticks per second for /proc times (USER_HZ: 100 on every Linux build Node supports). */
export const msPerTick = 1000 / 100;

/**
 * The fields of a /proc `stat` file after the command name (which may hold spaces): the state
 * (field 3) first, utime (field 14) at 11; null on other systems or once it is gone.
 */
function statFields(path: string): string[] | null {
	if (process.platform !== 'linux') return null;
	try {
		const stat = procFiles.read(path);
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	} catch {
		return null;
	}
}

/**
 * CPU times from a /proc `stat` file, in clock ticks: utime + stime, and the same for the
 * children it waited for (cutime + cstime); null on other systems or once it is gone.
 */
export function statTicks(path: string): {own: number; reapedChildren: number; threads: number} | null {
	const fields = statFields(path);
	// After the command: state is field 3, utime 14, stime 15, cutime 16, cstime 17, num_threads 20.
	return fields === null ? null : {own: Number(fields[11]) + Number(fields[12]), reapedChildren: Number(fields[13]) + Number(fields[14]), threads: Number(fields[17])};
}

/** CPU ms (user + system) a process has used so far, from /proc on Linux; null elsewhere or if gone. */
export function processCpuMs(pid: number): number | null {
	const ticks = statTicks(`/proc/${pid}/stat`);
	return ticks === null ? null : ticks.own * msPerTick;
}

/** CPU ms one thread of this process has used so far (its tid; the main thread's is the pid); null elsewhere. */
export function threadCpuMs(tid: number): number | null {
	const ticks = statTicks(`/proc/self/task/${tid}/stat`);
	return ticks === null ? null : ticks.own * msPerTick;
}

/**
 * Whether a process is stopped (SIGSTOP, SIGTSTP, or held by a debugger), from the state field
 * of its /proc stat file; null on other systems or once it is gone.
 */
export function isProcessStopped(pid: number): boolean | null {
	const state = statFields(`/proc/${pid}/stat`)?.[0];
	return state === undefined ? null : state === 'T' || state === 't';
}
