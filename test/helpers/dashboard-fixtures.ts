import type {LaneInfo} from '../../source/model/events.js';
import {defaultRunConfig} from '../../source/config/defaults.js';
import type {RunConfig} from '../../source/model/run-config.js';
import type {EngineResult, MachineInfo, RunResult} from '../../source/model/result-types.js';
import type {EngineView, TaskView} from '../../source/store/views.js';
import {emptyEngine, engineStarted, taskEnded, tasksQueued, taskStarted} from '../../source/run-model/engine-state.js';
import {TaskTable} from '../../source/run-model/task-table.js';
import {publishView} from '../../source/store/publish-view.js';

export const machine: MachineInfo = {cores: 2, cpuModel: 'test cpu', node: 'v20.20.2', platform: 'linux-x64'};

export const config: RunConfig = {...defaultRunConfig(2), tasks: 4, taskMs: 100};

export function task(id: number, patch: Partial<TaskView> = {}): TaskView {
	return {id, lane: 0, state: 'done', startMs: id * 100, endMs: id * 100 + 100, progress: 1, error: null, cpu: 0, ...patch};
}

/** A published table holding `tasks` in order (task ids are their places). */
function tableOf(tasks: readonly TaskView[]) {
	const table = new TaskTable();
	for (const [id, {id: _id, ...fields}] of tasks.entries()) table.set(id, fields);
	return table.publish();
}

export function lane(id: number, patch: Partial<LaneInfo> = {}): LaneInfo {
	return {id, label: `thread ${id + 1}`, pid: 100, tid: 200 + id, ...patch};
}

/**
 * An engine's view as the store would publish it: `patch.tasks` are folded through the store's
 * own folds, so lane activity (tasks per lane, running counts, last cores) follows from them.
 */
export function engineView(patch: Partial<Omit<EngineView, 'tasks'>> & {readonly tasks?: readonly TaskView[]} = {}): EngineView {
	const {tasks = [], ...rest} = patch;
	const engine = rest.engine ?? 'threads';
	const draft = emptyEngine(engine);
	engineStarted(draft, {engine, t: 0, startupMs: 30, hostPid: 100});
	tasksQueued(draft, {engine, t: 0, ids: tasks.map((task) => task.id)});
	for (const task of tasks) {
		if (task.state === 'queued' || task.lane === null || task.startMs === null) continue;
		taskStarted(draft, {engine, t: task.startMs, id: task.id, lane: task.lane, pid: 100, tid: 200 + task.lane});
		if (task.state !== 'running') taskEnded(draft, {engine, t: task.endMs ?? task.startMs, id: task.id, ok: task.state === 'done', error: task.error, cpu: task.cpu, runStartT: null});
	}

	return {
		engine,
		phase: 'running',
		version: 1,
		t0: 0,
		startupMs: 30,
		lanes: [lane(0), lane(1)],
		done: 0,
		failed: 0,
		lastFailure: null,
		elapsedMs: 400,
		parallelism: 1.9,
		loopLagMs: null,
		otherLoadCores: null,
		error: null,
		held: null,
		throttling: null,
		helpers: null,
		...rest,
		tasks: tableOf(tasks),
		laneActivity: publishView(draft, undefined, 1, 0).laneActivity,
	};
}

export function engineResult(name: EngineResult['engine'], elapsedMs: number, parallelism: number, patch: Partial<EngineResult> = {}): EngineResult {
	return {
		engine: name,
		elapsedMs,
		cpuMs: elapsedMs * parallelism,
		parallelism,
		peakRssBytes: 60 * 1024 * 1024,
		startupMs: name === 'async' ? 0 : 40,
		loopLagMaxMs: name === 'async' ? elapsedMs : 2,
		loopLagP99Ms: 1,
		unitsStarted: 2,
		// On async, its one JS thread did all of the work unless told otherwise.
		mainThreadCpuMs: name === 'async' ? elapsedMs * Math.min(1, parallelism) : null,
		coresUsed: name === 'async' ? 1 : 2,
		otherLoadCores: 0,
		contended: false,
		complete: true,
		error: null,
		lanes: name === 'async' ? [lane(0, {label: 'event loop'})] : [lane(0), lane(1)],
		tasks: [],
		coreSamples: [],
		hostPid: 100,
		loopLagSamples: [],
		spread: {rounds: 1, medianMs: elapsedMs, minMs: elapsedMs, maxMs: elapsedMs, outlierRounds: []},
		...patch,
	};
}

export const runResult: RunResult = {
	schema: 2,
	runId: 'test-run',
	machine,
	config: {...config, calibration: null},
	engines: [engineResult('async', 400, 1), engineResult('threads', 210, 1.9), engineResult('processes', 220, 1.85)],
	rounds: [],
	complete: true,
	verdict: 'threads won on 4 cpu tasks in 0.21 s, 1.90× faster than async: CPU-bound work needs cores.',
};
