import {cpus} from 'node:os';
import {coreSampleIntervalMs} from '../model/sampling.js';
import {processTreeCpuMs, processTreesCpuMs} from './process-tree-cpu.js';
import {procFiles} from './proc-files.js';
import {treeThreadCpu} from './os-threads.js';
import type {ThreadCpu} from '../model/result-types.js';

type CoreTimes = {readonly busy: number; readonly total: number};

/** Cumulative busy and total time of every core: /proc/stat on Linux, os.cpus() elsewhere. */
function readCoreTimes(): CoreTimes[] {
	if (process.platform === 'linux') {
		try {
			return parseProcStat(procFiles.read('/proc/stat'));
		} catch {
			// No /proc here after all (a container may hide it): os.cpus() tells the same.
		}
	}

	return cpus().map(({times}) => {
		const total = times.user + times.nice + times.sys + times.idle + times.irq;
		return {busy: total - times.idle, total};
	});
}

export function parseProcStat(stat: string): CoreTimes[] {
	const cores: CoreTimes[] = [];
	for (const line of stat.split('\n')) {
		if (!/^cpu\d/.test(line)) continue;
		// user nice system idle iowait irq softirq steal (guest time is already in user)
		const fields = line.split(/\s+/).slice(1, 9).map(Number);
		const total = fields.reduce((sum, value) => sum + value, 0);
		const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
		cores.push({busy: total - idle, total});
	}

	return cores;
}

/** Busy fraction (0..1) of each core between two readings. */
export function busyBetween(before: readonly CoreTimes[], after: readonly CoreTimes[]): number[] {
	return after.map((core, index) => {
		const previous = before[index];
		const total = core.total - (previous?.total ?? 0);
		return total > 0 ? Math.min(1, Math.max(0, (core.busy - (previous?.busy ?? 0)) / total)) : 0;
	});
}

export type MachineSample = {
	readonly busy: number[];
	/** Cores' worth of CPU the whole tree of `ownRoot` used over the interval; null if unknown. */
	readonly ownCores: number | null;
	/** The same for each watched tree (an engine's host and its units). */
	readonly treeCores: Map<string, number>;
	/** The OS threads of each watched tree at the sample (every thread of its processes). */
	readonly treeThreads: Map<string, number>;
	/** Each watched tree's threads with the CPU each used so far (at most 256 a tree). */
	readonly treeThreadCpu: Map<string, ThreadCpu[]>;
};

/**
 * Samples, on one clock, every `intervalMs` while started: each core's busy fraction, how much
 * CPU concur-tui's own process tree used, and each watched process tree's (an engine's own).
 * Trees are read from /proc (process-tree-cpu.ts); elsewhere only the cores are known.
 */
export class CoreSampler {
	private timer: NodeJS.Timeout | undefined;
	private last: CoreTimes[] = [];
	private lastAt = 0;
	private lastOwnMs: number | null = null;
	private readonly trees = new Map<string, {root: number; lastMs: number | null}>();

	constructor(
		private readonly onSample: (sample: MachineSample) => void,
		readonly intervalMs = coreSampleIntervalMs,
		private readonly ownRoot = process.pid,
	) {}

	start(): void {
		this.last = readCoreTimes();
		this.lastAt = performance.now();
		this.lastOwnMs = processTreeCpuMs(this.ownRoot);
		this.timer = setInterval(() => {
			this.sample();
		}, this.intervalMs).unref();
	}

	/** From the next sample on, also reports the tree of `root` under `name`. */
	watch(name: string, root: number): void {
		this.trees.set(name, {root, lastMs: processTreeCpuMs(root)});
	}

	unwatch(name: string): void {
		this.trees.delete(name);
	}

	/** Stops sampling. The run's processes are then gone or no longer read: the /proc descriptors kept for them are closed. */
	stop(): void {
		clearInterval(this.timer);
		this.timer = undefined;
		procFiles.closeAll();
	}

	private sample(): void {
		const now = readCoreTimes();
		const at = performance.now();
		const wallMs = at - this.lastAt;
		const coresOver = (before: number | null, after: number | null) =>
			before === null || after === null || wallMs <= 0 ? null : Math.max(0, after - before) / wallMs;
		// One walk of /proc for concur-tui's tree and every engine's subtree in it.
		const {tree: ownMs, subtrees, subtreeThreads} = processTreesCpuMs(
			this.ownRoot,
			[...this.trees.values()].map((tree) => tree.root),
		);
		const treeCores = new Map<string, number>();
		const treeThreads = new Map<string, number>();
		const threadCpu = new Map<string, ThreadCpu[]>();
		for (const [name, tree] of this.trees) {
			const each = treeThreadCpu(tree.root);
			if (each.length > 0) threadCpu.set(name, each);
			const threads = subtreeThreads.get(tree.root);
			if (threads !== null && threads !== undefined) treeThreads.set(name, threads);
			const treeMs = subtrees.get(tree.root) ?? null;
			const cores = coresOver(tree.lastMs, treeMs);
			if (cores !== null) treeCores.set(name, cores);
			tree.lastMs = treeMs ?? tree.lastMs;
		}

		this.onSample({busy: busyBetween(this.last, now), ownCores: coresOver(this.lastOwnMs, ownMs), treeCores, treeThreads, treeThreadCpu: threadCpu});
		this.last = now;
		this.lastAt = at;
		this.lastOwnMs = ownMs;
	}
}
