import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';

/**
 * The machine's limits that can end or refuse concur-tui's processes, and what each has done so
 * far: a process limit (a pids cgroup's `pids.max`, as containers set with `--pids-limit`), a
 * memory limit (a memory cgroup's `memory.max`, v1 `memory.limit_in_bytes`) whose out-of-memory
 * killer ends a process with SIGKILL, and the kernel's own out-of-memory killer (/proc/vmstat).
 * A unit or host that died of one of them says so, instead of a bare "killed by SIGKILL".
 */

/** A v1 memory cgroup without a limit shows one near 2^63. */
const noMemoryLimit = 2 ** 60;

function readOr(path: string): string | null {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return null;
	}
}

/** This process's cgroup folders for one v1 controller (and the v2 tree), each with its ancestors. */
function cgroupChain(v1Controller: string): string[] {
	if (process.platform !== 'linux') return [];
	const own = readOr('/proc/self/cgroup') ?? '';
	const starts = [
		...[/^0::(\/.*)$/m.exec(own)?.[1]].flatMap((path) => (path === undefined ? [] : [join('/sys/fs/cgroup', path), join('/sys/fs/cgroup/unified', path)])),
		...[new RegExp(`^\\d+:(?:[^:]*,)?${v1Controller}(?:,[^:]*)?:(/.*)$`, 'm').exec(own)?.[1]].flatMap((path) =>
			path === undefined ? [] : [join('/sys/fs/cgroup', v1Controller, path)],
		),
	];
	const chain: string[] = [];
	for (const start of starts) {
		for (let group = start; group.startsWith('/sys/fs/cgroup'); group = dirname(group)) {
			chain.push(group);
			if (group === dirname(group)) break;
		}
	}

	return chain;
}

/** A counter of one limit: where it is read, and how its limit reads in words. */
type LimitCounter = {
	readonly file: string;
	readonly count: number;
	readonly describe: (more: number) => string;
};

function counterIn(text: string | null, key: string): number | null {
	if (text === null) return null;
	const value = new RegExp(`^${key} (\\d+)$`, 'm').exec(text)?.[1];
	return value === undefined ? null : Number(value);
}

function plural(count: number, one: string, many: string): string {
	return `${count} ${count === 1 ? one : many}`;
}

function pidsCounters(): LimitCounter[] {
	return cgroupChain('pids').flatMap((group) => {
		const max = readOr(join(group, 'pids.max'))?.trim();
		if (max === undefined || max === 'max') return [];
		const count = counterIn(readOr(join(group, 'pids.events')), 'max') ?? 0;
		return [
			{
				file: join(group, 'pids.events'),
				count,
				describe: (more) => `the process limit of its cgroup (pids.max ${max}) was reached: ${plural(more, 'new process or thread', 'new processes or threads')} refused`,
			},
		];
	});
}

function megabytes(bytes: number): string {
	return `${Math.round(bytes / 1024 / 1024)} MB`;
}

function memoryCounters(): LimitCounter[] {
	return cgroupChain('memory').flatMap((group): LimitCounter[] => {
		// cgroup v2: memory.max and memory.events; v1: memory.limit_in_bytes and memory.oom_control.
		const v2Max = readOr(join(group, 'memory.max'))?.trim();
		if (v2Max !== undefined && v2Max !== 'max') {
			const file = join(group, 'memory.events');
			const count = counterIn(readOr(file), 'oom_kill');
			if (count === null) return [];
			return [{file, count, describe: (more) => oomText(more, `the memory limit of its cgroup (memory.max ${megabytes(Number(v2Max))})`)}];
		}

		const v1Max = Number(readOr(join(group, 'memory.limit_in_bytes'))?.trim() ?? Number.NaN);
		if (!Number.isFinite(v1Max) || v1Max >= noMemoryLimit) return [];
		const file = join(group, 'memory.oom_control');
		const count = counterIn(readOr(file), 'oom_kill');
		if (count === null) return [];
		return [{file, count, describe: (more) => oomText(more, `the memory limit of its cgroup (memory.limit_in_bytes ${megabytes(v1Max)})`)}];
	});
}

function oomText(kills: number, what: string): string {
	return `${what} was reached: the kernel's out-of-memory killer ended ${plural(kills, 'process', 'processes')}`;
}

/** The whole machine's out-of-memory kills (any cgroup's too, so read after the cgroups'). */
function machineOomCounter(): LimitCounter[] {
	const file = '/proc/vmstat';
	const count = counterIn(readOr(file), 'oom_kill');
	if (count === null) return [];
	return [
		{
			file,
			count,
			describe: (more) => `the machine ran out of memory: the kernel's out-of-memory killer ended ${plural(more, 'process', 'processes')} meanwhile`,
		},
	];
}

export type MachineLimits = {
	/** What each counter read when taken, by its file. */
	readonly counts: ReadonlyMap<string, number>;
};

function countersNow(kinds: ReadonlyArray<() => LimitCounter[]>): LimitCounter[] {
	return kinds.flatMap((kind) => kind());
}

/** What the machine's limits had refused or killed so far: taken before a host or pool starts. */
export function machineLimits(): MachineLimits {
	return {counts: new Map(countersNow([pidsCounters, memoryCounters, machineOomCounter]).map((counter) => [counter.file, counter.count]))};
}

function firstMoved(before: MachineLimits, counters: LimitCounter[]): string | null {
	for (const counter of counters) {
		const more = counter.count - (before.counts.get(counter.file) ?? counter.count);
		if (more > 0) return counter.describe(more);
	}

	return null;
}

/**
 * What a process limit did since `before`, in words ("the process limit of its cgroup (pids.max
 * 40) was reached: 12 new processes or threads refused"), or null when none refused anything.
 * Node aborts, or hangs, when it cannot start a thread or process.
 */
export function pidsLimitReached(before: MachineLimits): string | null {
	return firstMoved(before, pidsCounters());
}

/**
 * Why a process killed by SIGKILL died, when an out-of-memory killer ended something since
 * `before`: a memory cgroup's limit on concur-tui's own path first (then it was surely one of
 * ours), else the machine's ("ended 1 process meanwhile"). Null when no such kill happened.
 */
function outOfMemoryKill(before: MachineLimits): string | null {
	return firstMoved(before, memoryCounters()) ?? firstMoved(before, machineOomCounter());
}

/** A unit or host that died: the limit that explains it, if any (SIGKILL can be an out-of-memory kill). */
export function limitReached(before: MachineLimits, signal: string | null): string | null {
	return pidsLimitReached(before) ?? (signal === 'SIGKILL' ? outOfMemoryKill(before) : null);
}

/**
 * This process's limit on open files (`ulimit -n`), or null where it cannot be read: read as this
 * module loads, since once the descriptors are exhausted not even /proc can be opened.
 */
const openFileLimitAtLoad = /^Max open files\s+(\S+)/m.exec(readOr('/proc/self/limits') ?? '')?.[1] ?? null;

/**
 * The open-file limit named when a failure says a process ran out of file descriptors (EMFILE:
 * its own limit, `ulimit -n`; ENFILE: the whole machine's, fs.file-max), else null. Every
 * thread, process and pipe costs descriptors.
 */
export function fileLimitNamedIn(text: string): string | null {
	if (/\bEMFILE\b|too many open files/i.test(text) && !/\bENFILE\b|file table overflow/i.test(text)) {
		return `the open-file limit of its process was reached (ulimit -n ${openFileLimitAtLoad ?? '?'})`;
	}

	if (/\bENFILE\b|file table overflow/i.test(text)) return "the machine's open-file limit was reached (fs.file-max)";
	return null;
}
