import {engineTitle} from '../config/engine-kinds.js';
import type {RunResult} from '../model/result-types.js';

type TraceEvent = {
	readonly name: string;
	readonly ph: 'M' | 'X';
	readonly pid: number;
	readonly tid: number;
	readonly ts?: number;
	readonly dur?: number;
	readonly cat?: string;
	readonly args: Record<string, unknown>;
};

/**
 * The run in Chrome Trace Event Format: one process per engine host or child process, one
 * thread per lane, one complete (X) event per task. Times are µs from each engine's start.
 */
export function chromeTrace(result: RunResult): {traceEvents: TraceEvent[]; displayTimeUnit: 'ms'; otherData: {runId: string}} {
	const events: TraceEvent[] = [];
	for (const engine of result.engines) {
		const namedProcesses = new Set<number>();
		const namedThreads = new Set<string>();
		const tidOf = (lane: number | null, tid: number | null) => tid ?? (lane ?? 0) + 1;
		for (const lane of engine.lanes) {
			if (!namedProcesses.has(lane.pid)) {
				namedProcesses.add(lane.pid);
				events.push({name: 'process_name', ph: 'M', pid: lane.pid, tid: 0, args: {name: `${engineTitle(engine.engine, result.config.threads)} (pid ${lane.pid})`}});
			}
		}

		for (const task of engine.tasks) {
			if (task.startMs === null || task.pid === null) continue;
			const tid = tidOf(task.lane, task.tid);
			const key = `${task.pid}:${tid}`;
			if (!namedThreads.has(key)) {
				namedThreads.add(key);
				const lane = engine.lanes.find((candidate) => candidate.id === task.lane);
				events.push({name: 'thread_name', ph: 'M', pid: task.pid, tid, args: {name: lane?.label ?? `lane ${task.lane}`}});
			}

			const end = task.endMs ?? engine.elapsedMs;
			events.push({
				name: `task ${task.id}`,
				cat: engine.engine,
				ph: 'X',
				pid: task.pid,
				tid,
				ts: Math.round(task.startMs * 1000),
				dur: Math.max(1, Math.round((end - task.startMs) * 1000)),
				args: {ok: task.ok, error: task.error, cpu: task.cpu, lane: task.lane, complete: task.endMs !== null},
			});
		}
	}

	return {traceEvents: events, displayTimeUnit: 'ms', otherData: {runId: result.runId}};
}
