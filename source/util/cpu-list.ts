import {UsageError} from './usage-error.js';
import {findExecutable} from './find-executable.js';

/**
 * --cpus LIST as taskset reads it ("0", "0-3", "0,2", "0-1,4"): the CPUs, sorted, each below
 * `cores`. Pinning uses sched_setaffinity through taskset (util-linux), on Linux only.
 */
export function cpuList(value: unknown, cores: number, platform = process.platform, hasTaskset = () => findExecutable('taskset') !== null): number[] | null {
	if (value === undefined) return null;
	const text = typeof value === 'string' ? value.trim() : '';
	if (platform !== 'linux') throw new UsageError(`--cpus is not supported on this platform (${platform}): it pins with Linux's sched_setaffinity`);
	const cpus = new Set<number>();
	for (const part of text.split(',')) {
		const range = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
		const from = Number(range?.[1]);
		const to = Number(range?.[2] ?? range?.[1]);
		if (!range || to < from) throw new UsageError(`--cpus must be a list of CPUs such as 0, 0-3 or 0,2 (got "${text}")`);
		for (let cpu = from; cpu <= to; cpu++) cpus.add(cpu);
	}

	const outside = [...cpus].find((cpu) => cpu >= cores);
	if (outside !== undefined) throw new UsageError(`--cpus: this machine has CPUs 0 to ${cores - 1} (got ${outside})`);
	if (!hasTaskset()) throw new UsageError('--cpus needs taskset (util-linux), which is not on the PATH: install it (apt-get install util-linux)');
	return [...cpus].sort((a, b) => a - b);
}

/** The list as taskset takes it and people read it: "0", "0-3", "0,2". */
export function cpuListText(cpus: readonly number[]): string {
	const ranges: string[] = [];
	for (let i = 0; i < cpus.length; ) {
		let j = i;
		while (j + 1 < cpus.length && cpus[j + 1] === cpus[j]! + 1) j++;
		ranges.push(j > i ? `${cpus[i]}-${cpus[j]}` : `${cpus[i]}`);
		i = j + 1;
	}

	return ranges.join(',');
}
