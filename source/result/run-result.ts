import type {EngineName} from '../model/run-config.js';
import type {Calibration, CoreSample, EngineResult, EngineThreads, NetRequests, RunResult, TaskRecord, ThreadCpu} from '../model/result-types.js';
import {coreSampleIntervalMs} from '../model/sampling.js';
import {emptyEngine, engineElapsedMs, type EngineState} from '../run-model/engine-state.js';
import type {RoundState, RunModel} from '../run-model/run-model.js';
import {taskRecords} from '../run-model/task-records.js';
import {engineLoad} from './engine-load.js';
import {roundFigures, summariseRounds} from './round-stats.js';
import {verdictOf} from './verdict.js';
import {differenceRows} from './lesson.js';
import {engineThreads} from './thread-roles.js';

/**
 * The run's result document, built from the run model (the same state the dashboard's panels are
 * published from): per engine its median round with the spread, every round's figures, the
 * verdict and the note's table.
 */
export function resultOf(model: RunModel, calibration: Calibration | null): RunResult {
	if (!model.start) throw new Error('the run never started');
	const {runId, config, machine} = model.start;
	const rounds = model.rounds.length > 0 ? model.rounds : [model.currentRound()];
	const perRound = rounds.map((round) => ({round, results: config.engines.map((engine) => engineResult(model, engine, round))}));
	const engines = config.engines.map((engine, index) => {
		const all = perRound.map(({results}) => results[index]!);
		const {reported, spread} = summariseRounds(all);
		// Complete only when every round of it ran to the end (an interrupted round counts).
		return {...reported, complete: all.every((result) => result.complete) && all.length === config.runs, spread};
	});
	const partial = {
		schema: 2 as const,
		runId,
		machine,
		config: {...config, calibration},
		engines,
		rounds: perRound.map(({round, results}) => ({round: round.round, order: round.order, engines: results.map(roundFigures)})),
		complete: engines.every((engine) => engine.complete),
	};
	return {...partial, verdict: verdictOf(partial), differences: differenceRows(partial)};
}

function engineResult(model: RunModel, engine: EngineName, round: RoundState): Omit<EngineResult, 'spread'> {
	const state = round.engines.get(engine) ?? emptyEngine(engine);
	const {end} = state;
	const t0 = state.t0 ?? 0;
	const m = end?.measurements;
	const elapsedMs = engineElapsedMs(state);
	// Every configured task has a record, and every one that did not end says why: an engine
	// stopped before it queued them (interrupted while another engine ran, or while its pool
	// started) still accounts for each of its tasks.
	const unfinished = end ? (end.error ?? "the engine ended without this task's outcome") : 'interrupted';
	const tasks = taskRecords(state.tasks.publish(), model.start?.config.tasks ?? 0, `not finished: ${unfinished}`);
	// Each thread's CPU in the samples counts from the engine's window, as its figure in osThreads does.
	const atStart = new Map((end?.threads?.atStart ?? []).map((thread) => [thread.tid, thread.cpuMs]));
	const coreSamples = samplesBetween(model, engine, t0, t0 + elapsedMs, atStart);
	const complete = Boolean(m) && !end?.error && tasks.length > 0 && tasks.every((task) => task.endMs !== null);
	// Stopped before its host reported (interrupted, crashed): its CPU by the latest sample, its loop's worst lag seen.
	const cpuMs = m?.cpuMs ?? state.sampledCpuMs;
	const parallelism = elapsedMs > 0 ? cpuMs / elapsedMs : 0;
	const {coresUsed, otherLoadCores} = engineLoad(coreSamples, elapsedMs, parallelism);
	return {
		engine,
		elapsedMs,
		cpuMs,
		parallelism,
		peakRssBytes: m?.peakRssBytes ?? 0,
		startupMs: m?.startupMs ?? state.startupMs,
		loopLagMaxMs: m?.loopLagMaxMs ?? Math.max(0, ...state.lag.map((sample) => sample.lagMs)),
		loopLagP99Ms: m?.loopLagP99Ms ?? 0,
		unitsStarted: m?.unitsStarted ?? 0,
		mainThreadCpuMs: m?.mainThreadCpuMs ?? null,
		coresUsed,
		otherLoadCores,
		contended: end?.contended ?? false,
		complete,
		error: end?.error ?? null,
		lanes: state.lanes,
		tasks,
		coreSamples,
		hostPid: state.hostPid,
		loopLagSamples: state.lag.map((sample) => ({t: sample.t - t0, lagMs: sample.lagMs})),
		...(state.served && {net: netRequests(state)}),
		throttling: end?.throttling ?? null,
		osThreads: osThreadsOf(state, tasks),
	};
}

/** The delay server's answers joined to the engine's tasks: a request ends with its task. */
function netRequests(state: EngineState): NetRequests {
	const served = state.served ?? [];
	return {
		served: served.length,
		bytes: served.reduce((sum, request) => sum + request.bytes, 0),
		requests: served.map((request) => {
			const end = state.tasks.timeOf('endMs', request.task);
			return {task: request.task, queueMs: request.arrivedAt - request.sentAt, serviceMs: request.departedAt - request.arrivedAt, transferMs: end === null ? null : end - request.departedAt};
		}),
	};
}

/** Samples whose interval overlaps [from, to]: each covers the interval before its time. */
/** The engine's OS threads seen while it ran, with their roles; null where none could be read (not Linux). */
function osThreadsOf(state: EngineState, tasks: readonly TaskRecord[]): EngineThreads | null {
	if (state.threadCpu.size === 0) return null;
	const jsTids = new Set<number>();
	for (const lane of state.lanes) if (lane.tid !== null) jsTids.add(lane.tid);
	for (const task of tasks) if (task.tid !== null) jsTids.add(task.tid);
	return engineThreads([...state.threadCpu.values()], jsTids, state.uvThreads ?? 4);
}

function samplesBetween(model: RunModel, engine: EngineName, from: number, to: number, threadsAtStart: ReadonlyMap<number, number>): CoreSample[] {
	return model.samples
		.filter((sample) => sample.t > from && sample.t - coreSampleIntervalMs < to)
		.map((sample) => ({
			t: sample.t - from,
			busy: sample.busy,
			ownCores: sample.ownCores,
			engineCores: sample.engineCores[engine] ?? null,
			engineThreads: sample.engineThreads?.[engine] ?? null,
			threadCpuMs: threadCpuOf(sample.engineThreadCpu?.[engine], threadsAtStart),
		}));
}

/** A sample's thread readings as tid -> CPU ms since the engine's window opened (JSON keys), or null where none were read. */
function threadCpuOf(threads: readonly ThreadCpu[] | undefined, atStart: ReadonlyMap<number, number>): Record<string, number> | null {
	return threads && threads.length > 0 ? Object.fromEntries(threads.map((thread) => [String(thread.tid), Math.max(0, thread.cpuMs - (atStart.get(thread.tid) ?? 0))])) : null;
}
