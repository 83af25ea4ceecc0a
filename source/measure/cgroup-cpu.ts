import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import type {Throttling} from '../model/result-types.js';

/** A cgroup directory that may hold a CPU quota, and which version's files it has. */
export type CpuGroup = {readonly dir: string; readonly version: 1 | 2};

/** What the kernel counted of a cgroup's quota so far: periods, periods throttled, and time held (µs). */
export type ThrottleCounters = {readonly periods: number; readonly throttledPeriods: number; readonly throttledUs: number};

/** The quota that binds this process: where it is set, in cores' worth (quota ÷ period). */
export type CpuQuota = {readonly cores: number; readonly group: CpuGroup};

/** Where this process's CPU quota could be set, and whether any of it could be read at all. */
export type CpuBudget = {readonly quota: CpuQuota | null; readonly readable: boolean};

function readOr(path: string): string | null {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return null;
	}
}

/**
 * The cgroups of this process that can hold a CPU quota, its own first, then every ancestor up to
 * the mount: cgroup v2 (`0::/path`) and v1's cpu controller (`N:cpu,cpuacct:/path`), from the text
 * of /proc/self/cgroup. `root` is where cgroups are mounted (a fixture in tests).
 */
export function cpuGroups(procCgroup: string, root = '/sys/fs/cgroup'): CpuGroup[] {
	const groups: CpuGroup[] = [];
	// From the process's own group up to its hierarchy's mount, never above it.
	const climb = (mount: string, path: string, version: 1 | 2) => {
		for (let dir = join(mount, path); dir.startsWith(mount); dir = dirname(dir)) {
			groups.push({dir, version});
			if (dir === mount) break;
		}
	};

	const v2 = /^0::(\/.*)$/m.exec(procCgroup)?.[1];
	if (v2 !== undefined) {
		// Where v1 controllers are mounted too, v2's hierarchy sits at root/unified.
		const unified = readOr(join(root, 'unified', 'cgroup.controllers')) === null ? root : join(root, 'unified');
		climb(unified, v2, 2);
	}

	const v1 = /^\d+:(?:[^:]*,)?cpu(?:,[^:]*)?:(\/.*)$/m.exec(procCgroup)?.[1];
	if (v1 !== undefined) {
		for (const mount of ['cpu', 'cpu,cpuacct', 'cpuacct,cpu']) {
			if (readOr(join(root, mount, 'cpu.cfs_period_us')) !== null) climb(join(root, mount), v1, 1);
		}
	}

	return groups;
}

/** The quota set on one cgroup in cores' worth; null where none is set; undefined where its files cannot be read. */
function quotaOf(group: CpuGroup): number | null | undefined {
	if (group.version === 2) {
		const text = readOr(join(group.dir, 'cpu.max'));
		if (text === null) return undefined;
		const [quota, period] = text.trim().split(' ');
		if (quota === 'max') return null;
		const cores = Number(quota) / Number(period);
		return Number.isFinite(cores) && cores > 0 ? cores : null;
	}

	const quota = readOr(join(group.dir, 'cpu.cfs_quota_us'));
	const period = readOr(join(group.dir, 'cpu.cfs_period_us'));
	if (quota === null || period === null) return undefined;
	const cores = Number(quota.trim()) / Number(period.trim());
	return Number.isFinite(cores) && cores > 0 ? cores : null;
}

/** The smallest quota over the groups (the one that binds), and whether any group's files were readable. */
export function cpuBudget(groups: readonly CpuGroup[]): CpuBudget {
	let quota: CpuQuota | null = null;
	let readable = false;
	for (const group of groups) {
		const cores = quotaOf(group);
		if (cores !== undefined) readable = true;
		if (typeof cores === 'number' && (quota === null || cores < quota.cores)) quota = {cores, group};
	}

	return {quota, readable};
}

/** This process's CPU budget (Linux; elsewhere no quota, not readable). */
export function ownCpuBudget(): CpuBudget {
	if (process.platform !== 'linux') return {quota: null, readable: false};
	return cpuBudget(cpuGroups(readOr('/proc/self/cgroup') ?? ''));
}

/**
 * A cgroup's throttling so far, from its cpu.stat: v2 `throttled_usec`, v1 `throttled_time` (ns).
 * The time is summed over the CPUs the group's threads were held on. Null where it cannot be read.
 */
export function throttleCounters(group: CpuGroup): ThrottleCounters | null {
	const text = readOr(join(group.dir, 'cpu.stat'));
	if (text === null) return null;
	const field = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
	const periods = field('nr_periods');
	const throttledPeriods = field('nr_throttled');
	const throttledUs = group.version === 2 ? field('throttled_usec') : field('throttled_time') / 1000;
	return [periods, throttledPeriods, throttledUs].every((value) => Number.isFinite(value)) ? {periods, throttledPeriods, throttledUs} : null;
}

/**
 * Starts measuring the throttling of `quota`'s cgroup over a window (an engine's run): the returned
 * function, called at the window's end, gives what the kernel counted in between. Null without a
 * quota or where cpu.stat cannot be read.
 */
export function throttlingWindow(quota: CpuQuota | null): () => Throttling | null {
	const before = quota ? throttleCounters(quota.group) : null;
	return () => {
		const after = quota && before ? throttleCounters(quota.group) : null;
		if (!quota || !before || !after) return null;
		return {
			quotaCores: quota.cores,
			periods: after.periods - before.periods,
			throttledPeriods: after.throttledPeriods - before.throttledPeriods,
			throttledMs: Math.round((after.throttledUs - before.throttledUs) / 100) / 10,
		};
	};
}
