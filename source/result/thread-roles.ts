import type {EngineThreads, ThreadCpu, ThreadRole} from '../model/result-types.js';

/** V8's platform threads Node starts in every process: a delayed-task scheduler and 4 workers (--v8-pool-size). */
const v8PlatformThreads = 1 + 4;

/** The names Node 22 and later give its threads (the kernel keeps 15 characters). */
const roleByName: Readonly<Record<string, ThreadRole>> = {
	MainThread: 'js',
	WorkerThread: 'js',
	'libuv-worker': 'libuv',
	V8Worker: 'v8',
	DelayedTaskSche: 'v8',
	SignalInspector: 'other',
};

/**
 * The roles of one process's threads by the order Node 20 starts them in, where every thread is
 * called "node": the main thread (its tid is the pid), V8's platform threads next (5), then the
 * inspector's signal thread, then libuv's pool when first used (`uvThreads` of them); worker
 * threads are known by the lanes' and tasks' tids. docs/decisions.md says how this was checked
 * against the names Node 24 gives the same threads.
 */
function rolesByOrder(threads: readonly ThreadCpu[], jsTids: ReadonlySet<number>, uvThreads: number): Map<number, ThreadRole> {
	const roles = new Map<number, ThreadRole>();
	const helpers: number[] = [];
	for (const thread of threads) {
		if (thread.tid === thread.pid || jsTids.has(thread.tid)) roles.set(thread.tid, 'js');
		else helpers.push(thread.tid);
	}

	helpers.sort((a, b) => a - b);
	for (const [index, tid] of helpers.entries()) {
		const role: ThreadRole = index < v8PlatformThreads ? 'v8' : index === v8PlatformThreads ? 'other' : index <= v8PlatformThreads + uvThreads ? 'libuv' : 'other';
		roles.set(tid, role);
	}

	return roles;
}

/**
 * What each of an engine's OS threads did (model/result-types.ts, ThreadRole): by the name Node
 * gives it where it does (Node 24 names every thread; Node 22 only the delayed-task scheduler and
 * libuv's), else by the order Node starts them in. `jsTids` are the threads that ran tasks (the
 * lanes', and each task's where a thread was spawned for it).
 */
export function engineThreads(threads: readonly ThreadCpu[], jsTids: ReadonlySet<number>, uvThreads: number): EngineThreads {
	const byPid = new Map<number, ThreadCpu[]>();
	for (const thread of threads) byPid.set(thread.pid, [...(byPid.get(thread.pid) ?? []), thread]);
	const roles = new Map<number, ThreadRole>();
	for (const group of byPid.values()) {
		for (const [tid, role] of rolesByOrder(group, jsTids, uvThreads)) roles.set(tid, role);
	}

	let byName = 0;
	for (const thread of threads) {
		const named = roleByName[thread.name];
		if (named === undefined) continue;
		roles.set(thread.tid, named);
		byName++;
	}

	const sorted = [...threads].sort((a, b) => a.pid - b.pid || a.tid - b.tid);
	return {
		uvThreads,
		identifiedBy: byName === 0 ? 'creation order' : byName === threads.length || threads.every((thread) => thread.name !== 'node') ? 'names' : 'names and creation order',
		threads: sorted.map((thread) => ({...thread, role: roles.get(thread.tid) ?? 'other'})),
	};
}

/** CPU ms and threads of each role, over an engine's threads. */
export function cpuByRole(threads: EngineThreads['threads']): Record<ThreadRole, {threads: number; cpuMs: number}> {
	const totals: Record<ThreadRole, {threads: number; cpuMs: number}> = {js: {threads: 0, cpuMs: 0}, libuv: {threads: 0, cpuMs: 0}, v8: {threads: 0, cpuMs: 0}, other: {threads: 0, cpuMs: 0}};
	for (const thread of threads) {
		totals[thread.role].threads++;
		totals[thread.role].cpuMs += thread.cpuMs;
	}

	return totals;
}
