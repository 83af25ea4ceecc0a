import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';

/**
 * The process limits that hold this process: every pids cgroup on its path (its own and its
 * ancestors', cgroup v2 or v1's pids hierarchy) whose `pids.max` is a number. A container's limit
 * (`docker run --pids-limit`, Kubernetes' pod pids limit) is one of these.
 */
function limitedGroups(): string[] {
	if (process.platform !== 'linux') return [];
	let own: string;
	try {
		own = readFileSync('/proc/self/cgroup', 'utf8');
	} catch {
		return [];
	}

	const paths = [
		...[/^0::(\/.*)$/m.exec(own)?.[1]].flatMap((path) => (path === undefined ? [] : [join('/sys/fs/cgroup', path), join('/sys/fs/cgroup/unified', path)])),
		...[/^\d+:pids:(\/.*)$/m.exec(own)?.[1]].flatMap((path) => (path === undefined ? [] : [join('/sys/fs/cgroup/pids', path)])),
	];
	const groups: string[] = [];
	for (const start of paths) {
		for (let group = start; group.startsWith('/sys/fs/cgroup'); group = dirname(group)) {
			const max = readOr(join(group, 'pids.max'));
			if (max !== null && max.trim() !== 'max') groups.push(group);
			if (group === dirname(group)) break;
		}
	}

	return groups;
}

function readOr(path: string): string | null {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return null;
	}
}

export type PidsLimits = {
	/** Forks and threads refused so far under each limit, by cgroup. */
	readonly refused: ReadonlyMap<string, number>;
};

/** How many forks and threads each process limit holding concur-tui has refused so far. */
export function pidsLimits(): PidsLimits {
	const refused = new Map<string, number>();
	for (const group of limitedGroups()) {
		const events = readOr(join(group, 'pids.events')) ?? '';
		refused.set(group, Number(/^max (\d+)$/m.exec(events)?.[1] ?? 0));
	}

	return {refused};
}

/**
 * What a process limit did since `before`, in words ("the process limit of its cgroup (pids.max
 * 40) was reached: 12 new processes or threads refused"), or null when none refused anything.
 */
export function pidsLimitReached(before: PidsLimits): string | null {
	for (const [group, now] of pidsLimits().refused) {
		const more = now - (before.refused.get(group) ?? 0);
		if (more > 0) {
			const max = readOr(join(group, 'pids.max'))?.trim() ?? '?';
			return `the process limit of its cgroup (pids.max ${max}) was reached: ${more} new ${more === 1 ? 'process or thread' : 'processes or threads'} refused`;
		}
	}

	return null;
}
