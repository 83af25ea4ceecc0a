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
	readonly calibrates: {readonly cpu: boolean; readonly hash: boolean; readonly fs: boolean};
	/** On the async engine its work runs on libuv's thread pool, not the one JS thread. */
	readonly usesLibuvPool: boolean;
};

export const workloadKinds = {
	cpu: {cpuBound: true, calibrates: {cpu: true, hash: false, fs: false}, usesLibuvPool: false},
	sleep: {cpuBound: false, calibrates: {cpu: false, hash: false, fs: false}, usesLibuvPool: false},
	hash: {cpuBound: true, calibrates: {cpu: false, hash: true, fs: false}, usesLibuvPool: true},
	// Real HTTP requests to the run's delay server: waiting on a socket, as sleep waits on a timer.
	net: {cpuBound: false, calibrates: {cpu: false, hash: false, fs: false}, usesLibuvPool: false},
	// Real file writes, fsync and reads in the run's own folder: each step runs on libuv's pool.
	fs: {cpuBound: false, calibrates: {cpu: false, hash: false, fs: true}, usesLibuvPool: true},
	mixed: {cpuBound: true, calibrates: {cpu: true, hash: false, fs: false}, usesLibuvPool: false},
	// A user's module: assumed to compute, since nothing says it waits.
	module: {cpuBound: true, calibrates: {cpu: false, hash: false, fs: false}, usesLibuvPool: false},
	noop: {cpuBound: false, calibrates: {cpu: false, hash: false, fs: false}, usesLibuvPool: false},
} as const satisfies Record<WorkloadName, WorkloadKind>;

export function isCpuBound(workload: WorkloadName): boolean {
	return workloadKinds[workload].cpuBound;
}
