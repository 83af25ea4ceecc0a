import {RunBus} from '../bus/run-bus.js';
import type {MachineInfo, RunResult} from '../model/result-types.js';
import {usableCores, type EngineName, type RunConfig} from '../model/run-config.js';
import {runEngines} from '../orchestrator/run-engines.js';
import {sweepTasksAt, type SweepWork} from '../config/sweep-work.js';
import {analyseSweep, type SweepEngine} from '../result/sweep-analysis.js';
import type {SweepDocument} from '../result/sweep-analysis.js';

export type SweepPlan = {
	/** What every size runs (its pool and task count are set per size). */
	readonly config: RunConfig;
	readonly sizes: readonly number[];
	readonly work: SweepWork;
};

/** Where a sweep is, for a live view: the document so far and what is being measured. */
export type SweepProgress = {
	readonly document: SweepDocument;
	readonly measuring: {readonly n: number; readonly engine: EngineName | null; readonly round: number; readonly rounds: number} | null;
};

/** The pool engines a sweep varies; async runs once, as the baseline. */
const poolEngines = (config: RunConfig) => config.engines.filter((engine): engine is 'threads' | 'processes' => engine !== 'async');

const tasksAt = (plan: SweepPlan, n: number) => sweepTasksAt(plan.work, plan.config.tasks, n);

/**
 * Runs the sweep: async once on the work of the first size (when asked for), then each size on
 * the pool engines with the rounds of --runs, reporting progress as it goes. Stops between sizes
 * (and mid-run, through the engines) when `signal` aborts; the document then says so.
 */
export async function runSweep(plan: SweepPlan, machine: MachineInfo, signal: AbortSignal | undefined, onProgress: (progress: SweepProgress) => void): Promise<SweepDocument> {
	const cores = usableCores(plan.config, machine.cores);
	const runs: Array<{n: number; result: RunResult}> = [];
	let baseline: SweepDocument['baseline'] = null;
	let complete = true;
	const document = (): SweepDocument => ({
		kind: 'concur-tui sweep',
		schema: 1,
		machine,
		config: plan.config,
		work: plan.work,
		sizes: plan.sizes,
		cores,
		baseline,
		engines: poolEngines(plan.config).map((engine): SweepEngine => analyseSweep(engine, runs, plan.work, cores)),
		complete,
	});

	const run = async (config: RunConfig, n: number): Promise<RunResult> => {
		const bus = new RunBus();
		let round = 0;
		bus.on('round:start', (event) => {
			round = event.round;
		});
		bus.on('engine:start', ({engine}) => {
			onProgress({document: document(), measuring: {n, engine, round, rounds: config.runs}});
		});
		return runEngines(config, bus, machine, signal);
	};

	if (plan.config.engines.includes('async')) {
		const first = plan.sizes[0] ?? 1;
		const tasks = tasksAt(plan, first);
		const result = await run({...plan.config, engines: ['async'], tasks, runs: plan.config.runs}, first);
		const async = result.engines[0];
		const failed = result.rounds.some((round) => round.engines.some((engine) => engine.failed.length > 0));
		// A baseline whose tasks failed measured other work: none, and the sweep is not complete.
		if (async?.complete && !failed) baseline = {engine: 'async', tasks, medianMs: async.spread.medianMs, parallelism: async.parallelism};
		else complete = false;
	}

	for (const n of plan.sizes) {
		if (signal?.aborted || poolEngines(plan.config).length === 0) break;
		onProgress({document: document(), measuring: {n, engine: null, round: 0, rounds: plan.config.runs}});
		// eslint-disable-next-line no-await-in-loop -- sizes run one after another, each on the whole machine
		const result = await run({...plan.config, engines: poolEngines(plan.config), pool: n, tasks: tasksAt(plan, n)}, n);
		if (!result.complete) complete = false;
		runs.push({n, result});
	}

	if (signal?.aborted || runs.length < plan.sizes.length) complete = false;
	const done = document();
	onProgress({document: done, measuring: null});
	return done;
}
