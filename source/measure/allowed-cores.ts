import {availableParallelism} from 'node:os';
import {ownCpuBudget} from './cgroup-cpu.js';

/**
 * The CPU quota that holds this process, in cores' worth (quota ÷ period), the smallest over its
 * cgroup and every ancestor: cgroup v2 `cpu.max`, v1 `cpu.cfs_quota_us` / `cpu.cfs_period_us`.
 * A Kubernetes CPU limit is one. Null without a quota (or off Linux). Node's availableParallelism()
 * reads the CPU affinity only, not quotas.
 */
function cpuQuotaCores(): number | null {
	return ownCpuBudget().quota?.cores ?? null;
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
