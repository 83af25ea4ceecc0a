import {msPerTick, statTicks} from './process-cpu.js';
import {procFiles} from './proc-files.js';

/** Children of a process, as its main thread's `children` file lists them (Linux 3.5+). */
export function childrenOf(pid: number): number[] {
	try {
		const text = procFiles.read(`/proc/${pid}/task/${pid}/children`).trim();
		return text === '' ? [] : text.split(' ').map(Number);
	} catch {
		return [];
	}
}

/**
 * CPU time (ms) used so far by the tree of `root` and by the subtree of each of `subRoots`, in
 * one walk of /proc: each process counts every thread of its own, plus what its children that
 * exited and were waited for had used (the kernel adds it to their parent's cutime and cstime),
 * so each process is counted once. Linux only: null elsewhere, or for a root that is gone (a
 * sub-root outside `root`'s tree is walked on its own).
 */
export function processTreesCpuMs(root: number, subRoots: readonly number[] = []): {tree: number | null; subtrees: Map<number, number | null>; subtreeThreads: Map<number, number | null>} {
	const ticks = new Map<number, number>();
	const threads = new Map<number, number>();
	const children = new Map<number, number[]>();
	const walk = (from: number) => {
		const pending = [from];
		while (pending.length > 0) {
			const pid = pending.pop()!;
			if (ticks.has(pid)) continue;
			const stat = statTicks(`/proc/${pid}/stat`);
			if (stat === null) continue;
			ticks.set(pid, stat.own + stat.reapedChildren);
			threads.set(pid, stat.threads);
			const kids = childrenOf(pid);
			children.set(pid, kids);
			pending.push(...kids);
		}
	};

	/** The sum of `values` over the subtree of `from`, or null when `from` is gone. */
	const sum = (from: number, values: ReadonlyMap<number, number>): number | null => {
		if (!ticks.has(from)) walk(from);
		if (!ticks.has(from)) return null;
		let total = 0;
		const pending = [from];
		const seen = new Set<number>();
		while (pending.length > 0) {
			const pid = pending.pop()!;
			if (seen.has(pid)) continue;
			seen.add(pid);
			total += values.get(pid) ?? 0;
			pending.push(...(children.get(pid) ?? []));
		}

		return total;
	};

	const cpuMs = (from: number) => {
		const total = sum(from, ticks);
		return total === null ? null : total * msPerTick;
	};

	walk(root);
	return {
		tree: cpuMs(root),
		subtrees: new Map(subRoots.map((subRoot) => [subRoot, cpuMs(subRoot)])),
		// OS threads of each subtree now: every thread of every process (JS, libuv's pool, V8's, the rest).
		subtreeThreads: new Map(subRoots.map((subRoot) => [subRoot, sum(subRoot, threads)])),
	};
}

/** CPU time (ms) used so far by `root` and every live descendant (see processTreesCpuMs). */
export function processTreeCpuMs(root: number): number | null {
	return processTreesCpuMs(root).tree;
}
