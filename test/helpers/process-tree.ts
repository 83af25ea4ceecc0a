import {readdirSync, readFileSync} from 'node:fs';

/** State and parent of a process from /proc, or undefined when it is gone. */
function statOf(pid: number): {state: string; ppid: number} | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return {state: fields[0] ?? '?', ppid: Number(fields[1])};
	} catch {
		return undefined;
	}
}

/** Every live descendant of `root` (Linux /proc). */
export function descendantsOf(root: number): number[] {
	const children = new Map<number, number[]>();
	for (const entry of readdirSync('/proc')) {
		const pid = Number(entry);
		if (!Number.isInteger(pid)) continue;
		const stat = statOf(pid);
		if (!stat) continue;
		children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
	}

	const found: number[] = [];
	const queue = [root];
	while (queue.length > 0) {
		for (const child of children.get(queue.shift()!) ?? []) {
			found.push(child);
			queue.push(child);
		}
	}

	return found;
}

/** Pids that still exist and are not zombies. */
export function stillAlive(pids: readonly number[]): number[] {
	return pids.filter((pid) => {
		const stat = statOf(pid);
		return stat !== undefined && stat.state !== 'Z';
	});
}

export async function waitFor(condition: () => boolean, timeoutMs: number, stepMs = 20): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (condition()) return true;
		// Polling: each check depends on time having passed.
		// eslint-disable-next-line no-await-in-loop
		await new Promise((resolve) => setTimeout(resolve, stepMs));
	}

	return condition();
}

/**
 * Live processes whose environment holds `marker` (Linux /proc): every process a run started,
 * orphans re-parented to init included, which a walk of the tree from concur-tui would miss.
 */
export function processesMarked(marker: string): number[] {
	const found: number[] = [];
	for (const entry of readdirSync('/proc')) {
		const pid = Number(entry);
		if (!Number.isInteger(pid) || pid === process.pid) continue;
		try {
			if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker)) found.push(pid);
		} catch {
			// Gone, or not ours to read.
		}
	}

	return stillAlive(found);
}

/** CPU time a process has used so far, in clock ticks (utime + stime, usually 10 ms each). */
function cpuTicksOf(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return Number(fields[11]) + Number(fields[12]);
	} catch {
		return 0;
	}
}

/** Descendants of `root` that have used at least `ticks` of CPU: processes that are working. */
export function busyDescendantsOf(root: number, ticks: number): number[] {
	return descendantsOf(root).filter((pid) => cpuTicksOf(pid) >= ticks);
}
