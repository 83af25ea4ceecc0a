import {engineKinds, engineTitle} from '../config/engine-kinds.js';
import type {EngineResult, LaneInfo, RunResult, TaskRecord} from '../model/result-types.js';
import type {RunConfig} from '../model/run-config.js';

/** One event of the Trace Event Format, as Perfetto and chrome://tracing read it. */
type TraceEvent = {
	readonly name: string;
	readonly ph: 'M' | 'X' | 'b' | 'e' | 'C';
	readonly pid: number;
	readonly tid: number;
	readonly ts?: number;
	readonly dur?: number;
	readonly cat?: string;
	/** Async (b/e) events: one id per slice, matched with cat and name. */
	readonly id?: string;
	readonly args?: Record<string, unknown>;
};

export type ChromeTrace = {readonly traceEvents: TraceEvent[]; readonly displayTimeUnit: 'ms'; readonly otherData: {readonly runId: string}};

/** Trace times: whole microseconds from the engine's start, never negative. */
const micros = (ms: number) => Math.max(0, Math.round(ms * 1000));
/** A wait shorter than this is no wait (clock granularity between queue and start). */
const waitFloorMs = 0.05;

/**
 * The run in the Trace Event Format, laid out as the dashboard draws it (docs/decisions.md,
 * "Traces Perfetto shows as they happened"):
 * - a process per engine host (and per pool process), named as its panel and sorted in the panels'
 *   order, a thread per lane; each engine from its own start, as the panels are;
 * - async tasks, which overlap on one thread by design, as async slices (b/e, one id each) on the
 *   event loop's process; a pool's tasks as complete (X) slices on their unit's thread, which runs
 *   one at a time (a slice that would overlap another there without nesting goes async instead, so
 *   the format's nesting rule always holds);
 * - each task's wait for a unit as its own async slice ("task 3 waiting", category `<engine>.wait`);
 * - counters on the host: the machine's cores busy (%), the engine's own cores and other
 *   programs' cores, and on async the event loop's lag;
 * - each helper thread that used CPU (libuv's pool, V8's) as a track of its own, a "busy" slice
 *   per sampling interval with its CPU.
 */
export function chromeTrace(result: RunResult): ChromeTrace {
	const traceEvents = result.engines.flatMap((engine, index) => engineTrace(engine, index, result.config.threads));
	return {traceEvents, displayTimeUnit: 'ms', otherData: {runId: result.runId}};
}

function engineTrace(engine: EngineResult, index: number, threads: RunConfig['threads']): TraceEvent[] {
	const kind = engineKinds[engine.engine];
	const title = engineTitle(engine.engine, threads);
	const hostPid = engine.hostPid ?? engine.lanes[0]?.pid ?? null;
	if (hostPid === null) return [];
	const events: TraceEvent[] = [];
	const named = new Set<string>();
	const nameProcess = (pid: number, name: string, sortIndex: number) => {
		if (named.has(`${pid}`)) return;
		named.add(`${pid}`);
		events.push({name: 'process_name', ph: 'M', pid, tid: 0, args: {name}}, {name: 'process_sort_index', ph: 'M', pid, tid: 0, args: {sort_index: sortIndex}});
	};

	const nameThread = (pid: number, tid: number, name: string) => {
		if (named.has(`${pid}:${tid}`)) return;
		named.add(`${pid}:${tid}`);
		events.push({name: 'thread_name', ph: 'M', pid, tid, args: {name}});
	};

	// The host: its main thread runs the event loop (async) or the pool's scheduler.
	const hostTid = hostPid;
	const order = index * 1000;
	nameProcess(hostPid, kind.runtime === 'process' ? `${title}: host (pid ${hostPid})` : `${title} (pid ${hostPid})`, order);
	nameThread(hostPid, hostTid, kind.runtime === 'loop' ? 'event loop' : 'main thread (scheduler)');
	const lanes = new Map(engine.lanes.map((lane) => [lane.id, lane]));
	for (const lane of engine.lanes) {
		if (kind.runtime === 'process') nameProcess(lane.pid, `${title}: ${kind.laneShortName(lane)} (pid ${lane.pid})`, order + 1 + lane.id);
	}

	const where = (task: TaskRecord) => {
		const lane = task.lane === null ? undefined : lanes.get(task.lane);
		const pid = task.pid ?? lane?.pid ?? hostPid;
		// Without an OS thread id (not Linux), a lane's number stands in, past any real tid.
		const tid = task.tid ?? (kind.runtime === 'loop' ? hostTid : 1_000_000_000 + (task.lane ?? 0));
		nameThread(pid, tid, threadName(engine, lane, tid));
		return {pid, tid};
	};

	const slices: Array<{task: TaskRecord; pid: number; tid: number; start: number; end: number}> = [];
	for (const task of engine.tasks) {
		if (task.startMs === null) continue;
		const {pid, tid} = where(task);
		const start = micros(task.startMs);
		slices.push({task, pid, tid, start, end: Math.max(start + 1, micros(task.endMs ?? engine.elapsedMs))});
	}

	const asAsync = kind.runtime === 'loop' ? new Set(slices) : overlapping(slices);
	for (const slice of slices) {
		const {task, pid, tid, start, end} = slice;
		const args = {ok: task.ok, error: task.error, cpu: task.cpu, lane: task.lane, complete: task.endMs !== null};
		const name = `task ${task.id}`;
		if (asAsync.has(slice)) {
			const id = `${engine.engine}-${task.id}`;
			events.push({name, cat: engine.engine, ph: 'b', id, pid, tid, ts: start, args}, {name, cat: engine.engine, ph: 'e', id, pid, tid, ts: end});
		} else {
			events.push({name, cat: engine.engine, ph: 'X', pid, tid, ts: start, dur: end - start, args});
		}
	}

	// Waits: from queued to started (or to the end, for a task never started), on the host.
	for (const task of engine.tasks) {
		const until = task.startMs ?? (engine.complete ? null : engine.elapsedMs);
		if (until === null || until - task.queuedMs < waitFloorMs) continue;
		const name = `task ${task.id} waiting`;
		const cat = `${engine.engine}.wait`;
		const id = `${engine.engine}-wait-${task.id}`;
		const start = micros(task.queuedMs);
		events.push({name, cat, ph: 'b', id, pid: hostPid, tid: hostTid, ts: start}, {name, cat, ph: 'e', id, pid: hostPid, tid: hostTid, ts: Math.max(start, micros(until))});
	}

	for (const sample of engine.coreSamples) {
		const ts = micros(sample.t);
		events.push({name: 'cores busy (%)', ph: 'C', pid: hostPid, tid: hostTid, ts, args: Object.fromEntries(sample.busy.map((busy, core) => [`cpu${core}`, Math.round(busy * 1000) / 10]))});
		if (sample.engineCores !== null) events.push({name: 'engine cores', ph: 'C', pid: hostPid, tid: hostTid, ts, args: {cores: round2(sample.engineCores)}});
		if (sample.ownCores !== null) {
			const others = Math.max(0, sample.busy.reduce((sum, busy) => sum + busy, 0) - sample.ownCores);
			events.push({name: 'other programs cores', ph: 'C', pid: hostPid, tid: hostTid, ts, args: {cores: round2(others)}});
		}
	}

	events.push(...helperThreadTracks(engine, nameThread));

	if (kind.showsLoopLag) {
		for (const sample of engine.loopLagSamples) {
			events.push({name: 'event loop lag (ms)', ph: 'C', pid: hostPid, tid: hostTid, ts: micros(sample.t), args: {lag: round2(sample.lagMs)}});
		}
	}

	return events;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

const helperNames = {libuv: "libuv's pool", v8: "V8's helper", other: "runtime's"} as const;

/**
 * Each helper thread (libuv's pool, V8's, the runtime's others) as a track of its own: a "busy"
 * slice over each sampling interval in which it used CPU, with how much (ms and % of one core).
 */
function helperThreadTracks(engine: EngineResult, nameThread: (pid: number, tid: number, name: string) => void): TraceEvent[] {
	const events: TraceEvent[] = [];
	for (const thread of engine.osThreads?.threads ?? []) {
		if (thread.role === 'js') continue;
		const key = String(thread.tid);
		const name = thread.name === 'node' ? helperNames[thread.role] : `${helperNames[thread.role]} ${thread.name}`;
		const busy = (from: number, to: number, used: number) => {
			if (used <= 0 || to <= from) return;
			nameThread(thread.pid, thread.tid, `${name} (tid ${thread.tid})`);
			const ts = micros(from);
			events.push({name: 'busy', cat: `${engine.engine}.helpers`, ph: 'X', pid: thread.pid, tid: thread.tid, ts, dur: Math.max(1, micros(to) - ts), args: {cpuMs: round2(used), busyPercent: Math.round((used / (to - from)) * 1000) / 10}});
		};

		// Readings count from the window's start: from 0 at its start, to the thread's figure at its end.
		let previous = {t: 0, cpuMs: 0};
		for (const sample of engine.coreSamples) {
			const cpuMs = sample.threadCpuMs?.[key];
			if (cpuMs === undefined) continue;
			busy(previous.t, Math.min(sample.t, engine.elapsedMs), cpuMs - previous.cpuMs);
			previous = {t: Math.min(sample.t, engine.elapsedMs), cpuMs};
		}

		busy(previous.t, engine.elapsedMs, thread.cpuMs - previous.cpuMs);
	}

	return events;
}

function threadName(engine: EngineResult, lane: LaneInfo | undefined, tid: number): string {
	const kind = engineKinds[engine.engine];
	if (kind.runtime === 'loop') return 'event loop';
	if (!lane) return `thread ${tid}`;
	if (kind.runtime === 'process') return `${kind.laneShortName(lane)} main thread`;
	// A slot of --threads spawn: a new thread (and tid) per task.
	return lane.tid === null ? `${kind.laneShortName(lane)}: a thread for one task (tid ${tid})` : `${kind.laneShortName(lane)} (tid ${tid})`;
}

/**
 * The slices that would break the nesting rule on their thread: one that starts inside another
 * and ends after it. A unit runs one task at a time, so none is expected; the rule holds anyway.
 */
function overlapping<T extends {readonly pid: number; readonly tid: number; readonly start: number; readonly end: number}>(slices: readonly T[]): Set<T> {
	const out = new Set<T>();
	const byThread = new Map<string, T[]>();
	for (const slice of slices) {
		const key = `${slice.pid}:${slice.tid}`;
		const list = byThread.get(key);
		if (list) list.push(slice);
		else byThread.set(key, [slice]);
	}

	for (const list of byThread.values()) {
		const open: T[] = [];
		for (const slice of [...list].sort((a, b) => a.start - b.start || b.end - a.end)) {
			while (open.length > 0 && open.at(-1)!.end <= slice.start) open.pop();
			if (open.length > 0 && slice.end > open.at(-1)!.end) {
				out.add(slice);
				continue;
			}

			open.push(slice);
		}
	}

	return out;
}
