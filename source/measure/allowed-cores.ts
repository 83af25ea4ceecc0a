import {readFileSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {dirname, join} from 'node:path';

function readOr(path: string): string | null {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return null;
	}
}

/**
 * The CPU quota that holds this process, in cores' worth (quota ÷ period), the smallest over its
 * cgroup and every ancestor: cgroup v2 `cpu.max`, v1 `cpu.cfs_quota_us` / `cpu.cfs_period_us`.
 * A Kubernetes CPU limit is one. Null without a quota (or off Linux). Node's availableParallelism()
 * reads the CPU affinity only, not quotas.
 */
export function cpuQuotaCores(): number | null {
	if (process.platform !== 'linux') return null;
	const own = readOr('/proc/self/cgroup') ?? '';
	const v2 = /^0::(\/.*)$/m.exec(own)?.[1];
	const v1 = /^\d+:(?:[^:]*,)?cpu(?:,[^:]*)?:(\/.*)$/m.exec(own)?.[1];
	const quotas: number[] = [];
	const climb = (start: string, read: (group: string) => number | null) => {
		for (let group = start; group.startsWith('/sys/fs/cgroup'); group = dirname(group)) {
			const cores = read(group);
			if (cores !== null) quotas.push(cores);
			if (group === dirname(group)) break;
		}
	};

	if (v2 !== undefined) {
		climb(join('/sys/fs/cgroup', v2), (group) => {
			const [quota, period] = (readOr(join(group, 'cpu.max')) ?? '').trim().split(' ');
			return quota === undefined || quota === 'max' || quota === '' ? null : Number(quota) / Number(period);
		});
	}

	if (v1 !== undefined) {
		for (const root of ['/sys/fs/cgroup/cpu', '/sys/fs/cgroup/cpu,cpuacct']) {
			climb(join(root, v1), (group) => {
				const quota = Number(readOr(join(group, 'cpu.cfs_quota_us'))?.trim() ?? Number.NaN);
				const period = Number(readOr(join(group, 'cpu.cfs_period_us'))?.trim() ?? Number.NaN);
				return Number.isFinite(quota) && quota > 0 && period > 0 ? quota / period : null;
			});
		}
	}

	const valid = quotas.filter((cores) => Number.isFinite(cores) && cores > 0);
	return valid.length === 0 ? null : Math.min(...valid);
}

/**
 * The cores this run may use: its CPU affinity (an outside taskset or cpuset), and no more than
 * a CPU quota allows, rounded down (at least 1), as Go's automaxprocs does.
 */
export function allowedCores(): number {
	const quota = cpuQuotaCores();
	const affinity = availableParallelism();
	return quota === null ? affinity : Math.max(1, Math.min(affinity, Math.floor(quota)));
}
