import {spawn, type ChildProcess} from 'node:child_process';
import {distFile} from '../util/dist-file.js';

/** Process groups can be killed whole on POSIX; elsewhere hosts are killed one by one. */
export const hasProcessGroups = process.platform !== 'win32';

/** The groups the reaper must kill if concur-tui dies: kept here too, so a new reaper gets them. */
const guarded = new Set<number>();
const guardedGroups = new Set<string>();
const guardedFolders = new Set<string>();
let reaper: ChildProcess | undefined;

/** Starts a reaper and tells it every guarded group. */
function startReaper(): ChildProcess {
	// V8's helper threads are left out (--v8-pool-size=0): under a process limit (pids.max) a Node
	// that cannot start them hung at start-up here, on a futex, for good.
	const started = spawn(process.execPath, ['--v8-pool-size=0', distFile('reaper.js')], {detached: true, stdio: ['pipe', 'ignore', 'ignore']});
	// It must never keep concur-tui alive, nor be kept alive by it.
	started.unref();
	(started.stdin as unknown as {unref?: () => void} | null)?.unref?.();
	started.stdin?.on('error', () => undefined);
	// Not started at all (the process limit reached): the groups are still killed at concur-tui's exit.
	started.on('error', () => undefined);
	// Killed from outside (or crashed): a new one takes over at once, with every group.
	started.once('exit', () => {
		if (reaper !== started) return;
		reaper = undefined;
		if (guarded.size > 0 || guardedFolders.size > 0) reaperProcess();
	});
	if (guarded.size > 0 || guardedFolders.size > 0) {
		started.stdin?.write([...[...guarded].map((pid) => `+${pid}\n`), ...[...guardedGroups].map((group) => `g+${group}\n`), ...[...guardedFolders].map((folder) => `d+${encodeURIComponent(folder)}\n`)].join(''));
	}
	return started;
}

function reaperProcess(): ChildProcess | undefined {
	if (!hasProcessGroups) return undefined;
	reaper ??= startReaper();
	return reaper;
}

/** The reaper kills this host's process group (and cgroup, when it has one) if concur-tui dies before releasing it. */
export function guardHost(pid: number, cgroup: string | null = null): void {
	guarded.add(pid);
	if (cgroup !== null) guardedGroups.add(cgroup);
	reaperProcess()?.stdin?.write(`+${pid}\n${cgroup === null ? '' : `g+${cgroup}\n`}`);
}

export function releaseHost(pid: number, cgroup: string | null = null): void {
	guarded.delete(pid);
	if (cgroup !== null) guardedGroups.delete(cgroup);
	reaper?.stdin?.write(`-${pid}\n${cgroup === null ? '' : `g-${cgroup}\n`}`);
}

/** The reaper removes this run folder (orchestrator/run-folder.ts) if concur-tui dies before it does. */
export function guardFolder(path: string): void {
	guardedFolders.add(path);
	// Encoded: a path may hold a newline, which would split the line protocol.
	reaperProcess()?.stdin?.write(`d+${encodeURIComponent(path)}\n`);
}

export function releaseFolder(path: string): void {
	guardedFolders.delete(path);
	reaper?.stdin?.write(`d-${encodeURIComponent(path)}\n`);
}

/** SIGKILL to a host's whole process group: the host and every process it forked. */
export function killHostGroup(pid: number): void {
	try {
		process.kill(hasProcessGroups ? -pid : pid, 'SIGKILL');
	} catch {
		// Already gone.
	}
}

/**
 * At concur-tui's own exit, once every host has been killed (stopAllHosts): the reaper has nothing
 * left to do and goes with it (one stuck at start-up, under a process limit, would otherwise stay).
 */
export function dismissReaper(): void {
	// A run folder not yet removed is the reaper's to remove, once concur-tui's exit closes its pipe.
	if (!reaper?.pid || guardedFolders.size > 0) return;
	try {
		process.kill(reaper.pid, 'SIGKILL');
	} catch {
		// Gone already.
	}
}
