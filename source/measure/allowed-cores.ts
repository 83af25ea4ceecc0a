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
 * a CPU quota lets run at once, rounded up: 1.5 cores' worth runs two threads at once, each
 * three quarters of the time (parallelism up to 1.5), so 2. (Go's automaxprocs rounds down, to
 * avoid throttling; here the cores say what can run at once, and throttling is measured.)
 */
export function allowedCores(): number {
	const quota = cpuQuotaCores();
	const affinity = availableParallelism();
	return quota === null ? affinity : Math.max(1, Math.min(affinity, Math.ceil(quota - 1e-9)));
}
