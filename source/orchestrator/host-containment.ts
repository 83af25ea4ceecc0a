import {randomUUID} from 'node:crypto';
import {mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {processExists} from '../util/process-alive.js';

/** The environment variable every process an engine host starts inherits (unless a task clears it). */
const hostMarkerName = 'CONCUR_TUI_HOST';

function readText(path: string): string | null {
	try {
		return readFileSync(path, 'latin1');
	} catch {
		return null;
	}
}

/**
 * Where concur-tui may make a cgroup of its own, beside its own (nested, never at the top): a
 * cgroup v2 hierarchy, or v1's pids hierarchy; null where there is none it may write to.
 */
function cgroupParent(): string | null {
	// CONCUR_TUI_CGROUP=off: the marker alone (as on a machine that gives no cgroup).
	if (process.platform !== 'linux' || process.env.CONCUR_TUI_CGROUP === 'off') return null;
	const own = readText('/proc/self/cgroup') ?? '';
	const v2Path = /^0::(\/.*)$/m.exec(own)?.[1];
	const v1PidsPath = /^\d+:pids:(\/.*)$/m.exec(own)?.[1];
	const candidates = [
		...(v2Path === undefined ? [] : [join('/sys/fs/cgroup', v2Path), join('/sys/fs/cgroup/unified', v2Path)]),
		...(v1PidsPath === undefined ? [] : [join('/sys/fs/cgroup/pids', v1PidsPath)]),
	];
	return candidates.find((folder) => readText(join(folder, 'cgroup.procs')) !== null) ?? null;
}

let parent: string | null | undefined;
const ownPrefix = `concur-tui-${process.pid}-`;

/** Cgroups of an earlier concur-tui that died before removing them go (they are empty by then, or emptied). */
function removeStaleGroups(folder: string): void {
	try {
		for (const entry of readdirSync(folder)) {
			const pid = Number(/^concur-tui-(\d+)-/.exec(entry)?.[1]);
			if (pid && !processExists(pid)) endGroup(join(folder, entry));
		}
	} catch {
		// Unreadable: nothing of ours to find.
	}
}

function members(group: string): number[] {
	return (readText(join(group, 'cgroup.procs')) ?? '').split('\n').filter(Boolean).map(Number);
}

/** A process that is still running: not gone, not a zombie (killed, waiting for its parent to read its end). */
function running(pid: number): boolean {
	const stat = readText(`/proc/${pid}/stat`);
	if (stat === null) return false;
	const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
	return state !== 'Z' && state !== 'X';
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** SIGKILL to every process in `group`, then the group goes; the pids still running in it after that are returned. */
export function endGroup(group: string): number[] {
	let left: number[] = [];
	// A process forking as it is killed adds one more: a few passes end a fork loop too. A killed
	// process takes a moment to exit: each pass after the first waits 2 ms (100 ms at most).
	for (let pass = 0; pass < 50; pass++) {
		left = members(group).filter((pid) => running(pid));
		if (left.length === 0) break;
		if (pass > 0) Atomics.wait(pause, 0, 0, 2);
		for (const pid of left) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// Gone already.
			}
		}
	}

	try {
		rmdirSync(group);
	} catch {
		// Still busy (a zombie not yet reaped): the next concur-tui removes it.
	}

	return members(group).filter((pid) => running(pid));
}

/**
 * Every process an engine host started, found however it left the host's process group (a
 * detached child, setsid, a double fork whose middle process exits): where concur-tui may make a
 * cgroup, the host is put in one of its own at its start and the kernel keeps every descendant
 * there; elsewhere each descendant carries a marker in its environment, found in /proc at the end.
 */
export class HostContainment {
	/** The environment entry that marks the host's descendants. */
	readonly marker = {[hostMarkerName]: randomUUID()};
	private group: string | null = null;

	/** Puts the just-started host in a cgroup of its own, where the machine allows one. */
	adopt(pid: number): void {
		parent ??= cgroupParent();
		if (parent === null) return;
		const group = join(parent, `${ownPrefix}${pid}`);
		try {
			if (!readdirSync(parent).some((entry) => entry.startsWith(ownPrefix))) removeStaleGroups(parent);
			mkdirSync(group);
			writeFileSync(join(group, 'cgroup.procs'), String(pid));
			this.group = group;
		} catch {
			try {
				rmdirSync(group);
			} catch {
				// Never made.
			}
		}
	}

	/** The cgroup the host's processes are in, or null (the marker is the way then). */
	get cgroup(): string | null {
		return this.group;
	}

	/** Ends every process the host started that is still alive; returns the pids that could not be ended. */
	endAll(): number[] {
		if (this.group !== null) {
			const left = endGroup(this.group);
			if (left.length === 0) this.group = null;
			return left;
		}

		endMarked(`${hostMarkerName}=${this.marker[hostMarkerName]}`);
		return [];
	}
}

/** SIGKILL to every process whose environment holds `entry`, from /proc (Linux). */
function endMarked(entry: string): void {
	if (process.platform !== 'linux') return;
	const marked: number[] = [];
	let names: string[];
	try {
		names = readdirSync('/proc');
	} catch {
		return;
	}

	for (const name of names) {
		const pid = Number(name);
		if (!Number.isInteger(pid) || pid === process.pid) continue;
		const environ = readText(`/proc/${pid}/environ`);
		if (environ?.split('\0').includes(entry)) marked.push(pid);
	}

	for (const pid of marked) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Gone already.
		}
	}
}
