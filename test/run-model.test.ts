// The run model: the bus folded once. The dashboard's views (the store) and the result document
// (result/run-result.ts) are both read from it; generated runs look for a task or a count on which
// they differ.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {RunBus} from '../source/bus/run-bus.js';
import type {EngineName} from '../source/model/run-config.js';
import {resultOf} from '../source/result/run-result.js';
import {RunModel} from '../source/run-model/run-model.js';
import {RunStore} from '../source/store/run-store.js';
import {config, machine} from './helpers/dashboard-fixtures.js';

type Action =
	| {readonly kind: 'start'; readonly id: number; readonly lane: number}
	| {readonly kind: 'end'; readonly id: number; readonly ok: boolean; readonly withStart: boolean; readonly lane: number}
	| {readonly kind: 'progress'; readonly id: number; readonly value: number};

const action = (tasks: number): fc.Arbitrary<Action> =>
	fc.oneof(
		fc.record({kind: fc.constant('start' as const), id: fc.nat(tasks - 1), lane: fc.nat(3)}),
		fc.record({kind: fc.constant('end' as const), id: fc.nat(tasks - 1), ok: fc.boolean(), withStart: fc.boolean(), lane: fc.nat(3)}),
		fc.record({kind: fc.constant('progress' as const), id: fc.nat(tasks - 1), value: fc.double({min: 0, max: 1, noNaN: true})}),
	);

/** A generated run of one engine: its tasks, what happened to them (any order, repeats included), and how the engine ended. */
const generatedRun = fc.integer({min: 1, max: 40}).chain((tasks) =>
	fc.record({
		tasks: fc.constant(tasks),
		queued: fc.integer({min: 0, max: tasks}),
		actions: fc.array(action(tasks), {maxLength: 120}),
		// An engine always ends once it started (an interrupted one with its reason), or never starts.
		ended: fc.constantFrom('measured', 'failed', 'never started'),
		startAt: fc.integer({min: 0, max: 500}),
	}),
);

type GeneratedRun = typeof generatedRun extends fc.Arbitrary<infer T> ? T : never;

function play(run: GeneratedRun, headless?: RunModel[]) {
	const engine: EngineName = 'threads';
	const runConfig = {...config, engines: [engine], tasks: run.tasks};
	const bus = new RunBus();
	const model = new RunModel(bus, {laneActivity: true});
	// A headless run's model on the same bus: no lane activity kept.
	headless?.push(new RunModel(bus));
	const store = new RunStore(runConfig, machine, () => 0);
	store.follow(model);
	bus.emit('run:start', {runId: 'generated', config: runConfig, machine, startedAt: 0});
	bus.emit('round:start', {round: 0, rounds: 1, order: [engine]});
	let t = run.startAt;
	if (run.ended === 'never started') {
		const result = resultOf(model, null);
		bus.emit('run:end', {result});
		return {view: store.getSnapshot().engines[0]!, records: result.engines[0]!.tasks, result: result.engines[0]!, phase: store.getSnapshot().phase};
	}

	bus.emit('engine:start', {engine, t, startupMs: 3, hostPid: 42});
	for (let lane = 0; lane < 4; lane++) bus.emit('lane:open', {engine, t, lane: {id: lane, label: `thread ${lane + 1}`, pid: 42, tid: 50 + lane}});
	bus.emit('task:queued', {engine, t, ids: Array.from({length: run.queued}, (_, id) => id)});
	for (const step of run.actions) {
		t += 1.5;
		if (step.kind === 'start') bus.emit('task:start', {engine, t, id: step.id, lane: step.lane, pid: 42, tid: 50 + step.lane});
		else if (step.kind === 'progress') bus.emit('task:progress', {engine, t, ids: [step.id], values: [step.value]});
		else {
			const started = step.withStart ? {started: {t: t - 1, lane: step.lane, pid: 42, tid: 50 + step.lane}} : {};
			bus.emit('task:end', {engine, t, id: step.id, ok: step.ok, error: step.ok ? null : `task ${step.id} failed`, cpu: step.lane % 2, runStartT: null, ...started});
		}
	}

	t += 2;
	if (run.ended === 'measured') {
		const measurements = {elapsedMs: t - run.startAt, cpuMs: 10, peakRssBytes: 1, startupMs: 3, loopLagMaxMs: 0, loopLagP99Ms: 0, unitsStarted: 4, mainThreadCpuMs: null};
		bus.emit('engine:end', {engine, t, measurements, contended: false, error: null});
	} else {
		bus.emit('engine:end', {engine, t, measurements: null, contended: false, error: 'engine host killed by SIGKILL'});
	}

	const result = resultOf(model, null);
	bus.emit('run:end', {result});
	return {view: store.getSnapshot().engines[0]!, records: result.engines[0]!.tasks, result: result.engines[0]!, phase: store.getSnapshot().phase};
}

describe('the run model', () => {
	it('gives the dashboard and the result document the same tasks, counts and time, whatever the events', () => {
		fc.assert(
			fc.property(generatedRun, (run) => {
				const {view, records, result, phase} = play(run);
				expect(phase).toBe('done');
				// A record for every configured task, a view for every queued one.
				expect(records).toHaveLength(run.tasks);
				expect(view.tasks.length).toBe(run.ended === 'never started' ? 0 : run.queued);
				for (const record of records) {
					const task = view.tasks.at(record.id);
					if (!task) {
						// Never queued: no outcome in either.
						expect([record.endMs, record.ok]).toEqual([null, false]);
						continue;
					}

					expect(task.state === 'done').toBe(record.ok);
					expect(task.state === 'failed').toBe(!record.ok && record.endMs !== null);
					expect(task.endMs).toBe(record.endMs);
					expect(task.lane).toBe(record.lane);
					expect(task.startMs).toBe(record.startMs ?? record.endMs);
					if (task.state === 'failed') expect(task.error).toBe(record.error);
				}

				expect(view.done).toBe(records.filter((record) => record.endMs !== null).length);
				expect(view.failed).toBe(records.filter((record) => record.endMs !== null && !record.ok).length);
				expect(view.elapsedMs).toBe(result.elapsedMs);
				expect(view.error).toBe(result.error);
			}),
			{numRuns: 300, seed: 2706},
		);
	});

	it('gives a headless run (no lane activity kept) the same result document', () => {
		fc.assert(
			fc.property(generatedRun, (run) => {
				const headless: RunModel[] = [];
				const {result} = play(run, headless);
				const alone = resultOf(headless[0]!, null).engines[0]!;
				expect(headless[0]!.engine('threads').laneStates).toBeNull();
				expect(JSON.stringify(alone)).toBe(JSON.stringify(result));
			}),
			{numRuns: 100, seed: 2707},
		);
	});

	it('keeps every round for the result while the panels show the round that runs', () => {
		const bus = new RunBus();
		const model = new RunModel(bus, {laneActivity: true});
		const store = new RunStore({...config, runs: 2}, machine, () => 0);
		store.follow(model);
		bus.emit('run:start', {runId: 'rounds', config: {...config, runs: 2}, machine, startedAt: 0});
		for (const round of [0, 1]) {
			bus.emit('round:start', {round, rounds: 2, order: config.engines});
			for (const engine of config.engines) {
				bus.emit('engine:start', {engine, t: round * 1000, startupMs: 0, hostPid: 42});
				bus.emit('task:queued', {engine, t: round * 1000, ids: [0, 1, 2, 3]});
				// Round 0 ends one task, round 1 ends all four.
				for (const id of round === 0 ? [0] : [0, 1, 2, 3]) bus.emit('task:end', {engine, t: round * 1000 + 10 + id, id, ok: true, error: null, cpu: 0, runStartT: null, started: {t: round * 1000 + id, lane: 0, pid: 42, tid: 42}});
				const measurements = {elapsedMs: 20, cpuMs: 10, peakRssBytes: 1, startupMs: 0, loopLagMaxMs: 0, loopLagP99Ms: 0, unitsStarted: 1, mainThreadCpuMs: null};
				bus.emit('engine:end', {engine, t: round * 1000 + 20, measurements, contended: false, error: null});
			}
		}

		const result = resultOf(model, null);
		bus.emit('run:end', {result});
		const snapshot = store.getSnapshot();
		expect(snapshot.round).toEqual({round: 1, rounds: 2});
		expect(snapshot.engines.map((view) => view.done)).toEqual([4, 4, 4]);
		expect(result.rounds.map((round) => round.engines.map((engine) => engine.complete))).toEqual([
			[false, false, false],
			[true, true, true],
		]);
	});
});
