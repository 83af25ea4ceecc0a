import type {BusEventName, BusEvents, CpuSampleEvent, EngineEndEvent, LaneInfo, RunStartEvent} from '../model/events.js';
import type {RunBus} from '../bus/run-bus.js';
import type {EngineName} from '../model/run-config.js';
import type {Calibration, CoreSample, EngineResult, LoopLagSample, RunResult} from '../model/result-types.js';
import {coreSampleIntervalMs} from '../model/sampling.js';
import {engineLoad} from './engine-load.js';
import {TaskColumns} from './task-columns.js';
import {roundFigures, summariseRounds} from './round-stats.js';
import {verdictOf} from './verdict.js';
import {differenceRows} from './lesson.js';

type EngineDraft = {
	t0: number | null;
	hostPid: number | null;
	readonly lanes: LaneInfo[];
	tasks: TaskColumns;
	/** Loop lag samples on the run's axis. */
	readonly lag: LoopLagSample[];
	end: EngineEndEvent | null;
};

/**
 * Builds the result document from the bus: the first subscriber of every run. One collector
 * serves one run; `dispose` ends its subscriptions (a session's bus outlives its runs).
 */
type RoundDraft = {readonly round: number; readonly order: readonly EngineName[]; readonly engines: Map<EngineName, EngineDraft>};

export class ResultCollector {
	private start: RunStartEvent | undefined;
	/** One set of engine drafts per round; the last is the one events go to. */
	private readonly rounds: RoundDraft[] = [];
	private readonly samples: CpuSampleEvent[] = [];
	private readonly unsubscribe: Array<() => void> = [];

	constructor(bus: RunBus) {
		const on = <K extends BusEventName>(name: K, handler: (...args: BusEvents[K]) => void) => {
			this.unsubscribe.push(bus.subscribe(name, handler));
		};

		on('run:start', (event) => {
			this.start = event;
		});
		on('round:start', (event) => {
			this.rounds.push({round: event.round, order: event.order, engines: new Map()});
		});
		on('engine:start', (event) => {
			Object.assign(this.draft(event.engine), {t0: event.t, hostPid: event.hostPid});
		});
		on('engine:sample', (event) => {
			this.draft(event.engine).lag.push({t: event.t, lagMs: event.loopLagMs});
		});
		on('lane:open', (event) => {
			this.draft(event.engine).lanes.push(event.lane);
		});
		on('task:queued', (event) => {
			this.draft(event.engine).tasks.queue(event.ids, event.t);
		});
		on('task:start', (event) => {
			this.draft(event.engine).tasks.started(event.id, event);
		});
		on('task:end', (event) => {
			const {tasks} = this.draft(event.engine);
			if (event.started) tasks.started(event.id, event.started);
			tasks.ended(event.id, event);
		});
		on('cpu:sample', (sample) => {
			this.samples.push(sample);
		});
		on('engine:end', (event) => {
			this.draft(event.engine).end = event;
		});
	}

	private taken = false;

	dispose(): void {
		for (const end of this.unsubscribe.splice(0)) end();
	}

	/** The run's result document; once: the collector lets go of its task columns as it writes the records. */
	result(calibration: Calibration | null): RunResult {
		if (!this.start) throw new Error('the run never started');
		if (this.taken) throw new Error('the result of a run is taken once');
		this.taken = true;
		const {runId, config, machine} = this.start;
		if (this.rounds.length === 0) this.rounds.push({round: 0, order: config.engines, engines: new Map()});
		const perRound = this.rounds.map((round) => ({round, results: config.engines.map((engine) => this.engineResult(engine, round))}));
		const engines = config.engines.map((engine, index) => {
			const all = perRound.map(({results}) => results[index]!);
			const {reported, spread} = summariseRounds(all);
			// Complete only when every round of it ran to the end (an interrupted round counts).
			return {...reported, complete: all.every((result) => result.complete) && all.length === config.runs, spread};
		});
		const rounds = perRound.map(({round, results}) => ({round: round.round, order: round.order, engines: results.map(roundFigures)}));
		const partial = {
			schema: 2 as const,
			runId,
			machine,
			config: {...config, calibration},
			engines,
			rounds,
			complete: engines.every((engine) => engine.complete),
		};
		return {...partial, verdict: verdictOf(partial), differences: differenceRows(partial)};
	}

	private draft(engine: EngineName): EngineDraft {
		if (this.rounds.length === 0) this.rounds.push({round: 0, order: this.start?.config.engines ?? [], engines: new Map()});
		const {engines} = this.rounds.at(-1)!;
		let draft = engines.get(engine);
		if (!draft) {
			draft = {t0: null, hostPid: null, lanes: [], tasks: new TaskColumns(), lag: [], end: null};
			engines.set(engine, draft);
		}

		return draft;
	}

	private engineResult(engine: EngineName, round: RoundDraft): Omit<EngineResult, 'spread'> {
		const draft = round.engines.get(engine) ?? {t0: null, hostPid: null, lanes: [], tasks: new TaskColumns(), lag: [], end: null};
		const t0 = draft.t0 ?? 0;
		const m = draft.end?.measurements;
		// An engine stopped before its end ran for as long as it was watched.
		const elapsedMs = m?.elapsedMs ?? (draft.t0 !== null && draft.end ? Math.max(0, draft.end.t - draft.t0) : 0);
		// Every configured task has a record, and every one that did not end says why: an engine
		// stopped before it queued them (interrupted while another engine ran, or while its pool
		// started) still accounts for each of its tasks.
		const configured = this.start?.config.tasks ?? 0;
		draft.tasks.queueMissing(configured);
		const unfinished = draft.end ? (draft.end.error ?? "the engine ended without this task's outcome") : 'interrupted';
		// The columns become the records, and go: 100,000 tasks are not held twice at the end of a
		// run (the collector's part is done once its result is taken).
		const tasks = draft.tasks.records(t0, `not finished: ${unfinished}`);
		draft.tasks = new TaskColumns();

		const coreSamples = this.samplesBetween(engine, t0, t0 + elapsedMs);
		const complete = Boolean(m) && !draft.end?.error && tasks.length > 0 && tasks.every((task) => task.endMs !== null);
		const parallelism = m && elapsedMs > 0 ? m.cpuMs / elapsedMs : 0;
		const {coresUsed, otherLoadCores} = engineLoad(coreSamples, elapsedMs, parallelism);
		return {
			engine,
			elapsedMs,
			cpuMs: m?.cpuMs ?? 0,
			parallelism,
			peakRssBytes: m?.peakRssBytes ?? 0,
			startupMs: m?.startupMs ?? 0,
			loopLagMaxMs: m?.loopLagMaxMs ?? 0,
			loopLagP99Ms: m?.loopLagP99Ms ?? 0,
			unitsStarted: m?.unitsStarted ?? 0,
			mainThreadCpuMs: m?.mainThreadCpuMs ?? null,
			coresUsed,
			otherLoadCores,
			contended: draft.end?.contended ?? false,
			complete,
			error: draft.end?.error ?? null,
			lanes: draft.lanes,
			tasks,
			coreSamples,
			hostPid: draft.hostPid,
			loopLagSamples: draft.lag.map((sample) => ({t: sample.t - t0, lagMs: sample.lagMs})),
		};
	}

	/** Samples whose interval overlaps [from, to]: each covers the interval before its time. */
	private samplesBetween(engine: EngineName, from: number, to: number): CoreSample[] {
		return this.samples
			.filter((sample) => sample.t > from && sample.t - coreSampleIntervalMs < to)
			.map((sample) => ({t: sample.t - from, busy: sample.busy, ownCores: sample.ownCores, engineCores: sample.engineCores[engine] ?? null, engineThreads: sample.engineThreads?.[engine] ?? null}));
	}
}
