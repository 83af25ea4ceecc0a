import type {WorkloadName} from '../model/run-config.js';

/**
 * What concur-tui knows about each workload before it runs, in one place (its task function is
 * built by workloads/registry.ts, under the same name). A new built-in workload is its name in
 * model/run-config.ts, an entry here, and a builder there.
 */
export type WorkloadKind = {
	/** Its tasks keep a core busy, so more of them than cores contend. */
	readonly cpuBound: boolean;
	/** The rates it is sized by, measured once per run before any engine starts. */
	readonly calibrates: {readonly cpu: boolean; readonly hash: boolean};
	/** On the async engine its work runs on libuv's thread pool, not the one JS thread. */
	readonly usesLibuvPool: boolean;
};

export const workloadKinds = {
	cpu: {cpuBound: true, calibrates: {cpu: true, hash: false}, usesLibuvPool: false},
	sleep: {cpuBound: false, calibrates: {cpu: false, hash: false}, usesLibuvPool: false},
	hash: {cpuBound: true, calibrates: {cpu: false, hash: true}, usesLibuvPool: true},
	// Real HTTP requests to the run's delay server: waiting on a socket, as sleep waits on a timer.
	net: {cpuBound: false, calibrates: {cpu: false, hash: false}, usesLibuvPool: false},
	mixed: {cpuBound: true, calibrates: {cpu: true, hash: false}, usesLibuvPool: false},
	// A user's module: assumed to compute, since nothing says it waits.
	module: {cpuBound: true, calibrates: {cpu: false, hash: false}, usesLibuvPool: false},
	noop: {cpuBound: false, calibrates: {cpu: false, hash: false}, usesLibuvPool: false},
} as const satisfies Record<WorkloadName, WorkloadKind>;

export function isCpuBound(workload: WorkloadName): boolean {
	return workloadKinds[workload].cpuBound;
}
