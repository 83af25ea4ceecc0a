import type {RunBus} from '../bus/run-bus.js';
import type {BusEventName, BusEvents, CpuSampleEvent, RunStartEvent} from '../model/events.js';
import type {RunResult} from '../model/result-types.js';
import type {EngineName} from '../model/run-config.js';
import {
	emptyEngine,
	engineEnded,
	engineHeld,
	netServed,
	engineSampled,
	engineStarted,
	laneOpened,
	laneProgressed,
	otherLoadSampled,
	threadsSampled,
	taskEnded,
	taskProgressed,
	tasksQueued,
	taskStarted,
	type EngineState,
} from './engine-state.js';

/** One round of the run: every engine once, in `order`. */
export type RoundState = {readonly round: number; readonly rounds: number; readonly order: readonly EngineName[]; readonly engines: Map<EngineName, EngineState>};

/**
 * Cores' worth of CPU every program but concur-tui used in one sample: the machine's busy cores
 * minus concur-tui's own tree; null where the tree cannot be read.
 */
export function otherProgramsCores(sample: {readonly busy: readonly number[]; readonly ownCores: number | null}): number | null {
	if (sample.ownCores === null) return null;
	return Math.max(0, sample.busy.reduce((sum, busy) => sum + busy, 0) - sample.ownCores);
}

/** What changed: one engine's state, or the run as a whole (its start, a round, a machine sample, its end). */
type ChangeListener = (engine: EngineName | null) => void;

/**
 * The run as its events arrive, folded once: every engine of every round (engine-state.ts), the
 * machine's samples, the run's start and its result. The dashboard's store publishes views from
 * it and the result document is built from it (result/run-result.ts), so the two cannot disagree;
 * the plain report's progress lines read it too. One model serves one run; `dispose` ends its
 * subscriptions (a session's bus outlives its runs), after which it still reads as it was.
 */
export class RunModel {
	start: RunStartEvent | undefined;
	/** One set of engine states per round; the last is the one events go to. */
	readonly rounds: RoundState[] = [];
	/** Every machine sample, on the run's axis. */
	readonly samples: CpuSampleEvent[] = [];
	result: RunResult | null = null;
	private readonly listeners = new Set<ChangeListener>();
	private readonly unsubscribe: Array<() => void> = [];

	/**
	 * `laneActivity`: keep, per lane, the tasks it ran in start order (what a screen that draws
	 * lanes reads at each frame); a headless run leaves it out (100,000 tasks: a few MB).
	 */
	constructor(
		bus: RunBus,
		private readonly options: {readonly laneActivity: boolean} = {laneActivity: false},
	) {
		const on = <K extends BusEventName>(name: K, handler: (...args: BusEvents[K]) => void) => {
			this.unsubscribe.push(bus.subscribe(name, handler));
		};

		const fold = <E extends {readonly engine: EngineName}>(update: (state: EngineState, event: E) => void) => (event: E) => {
			update(this.engine(event.engine), event);
			this.changed(event.engine);
		};

		on('run:start', (event) => {
			this.start = event;
			this.changed(null);
		});
		on('round:start', (event) => {
			this.rounds.push({round: event.round, rounds: event.rounds, order: event.order, engines: new Map()});
			this.changed(null);
		});
		on('engine:start', fold(engineStarted));
		on('lane:open', fold(laneOpened));
		on('task:queued', fold(tasksQueued));
		on('task:start', fold(taskStarted));
		on('task:progress', fold(taskProgressed));
		on('lane:progress', fold(laneProgressed));
		on('task:end', fold(taskEnded));
		on('engine:sample', fold(engineSampled));
		on('engine:held', fold(engineHeld));
		on('net:served', fold(netServed));
		on('engine:end', fold(engineEnded));
		on('cpu:sample', (sample) => {
			this.samples.push(sample);
			for (const [engine, threads] of Object.entries(sample.engineThreadCpu ?? {})) {
				const state = this.currentRound().engines.get(engine as EngineName);
				if (!state || !threads) continue;
				threadsSampled(state, threads);
				this.changed(state.engine);
			}

			const others = otherProgramsCores(sample);
			if (others !== null) {
				for (const state of this.currentRound().engines.values()) {
					if (state.phase !== 'running') continue;
					otherLoadSampled(state, others);
					this.changed(state.engine);
				}
			}

			this.changed(null);
		});
		on('run:end', (event) => {
			this.result = event.result;
			this.changed(null);
		});
	}

	/** The round events go to now (round 0 when none was announced). */
	currentRound(): RoundState {
		if (this.rounds.length === 0) {
			const order = this.start?.config.engines ?? [];
			this.rounds.push({round: 0, rounds: this.start?.config.runs ?? 1, order, engines: new Map()});
		}

		return this.rounds.at(-1)!;
	}

	/** An engine's state in the current round (empty, waiting, until its events arrive). */
	engine(engine: EngineName): EngineState {
		const {engines} = this.currentRound();
		let state = engines.get(engine);
		if (!state) {
			state = emptyEngine(engine, this.options.laneActivity);
			engines.set(engine, state);
		}

		return state;
	}

	/** The latest machine sample, or undefined before the first. */
	latestSample(): CpuSampleEvent | undefined {
		return this.samples.at(-1);
	}

	/** Calls `listener` after each event is folded, with the engine it changed (null: the run as a whole). */
	onChange(listener: ChangeListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	dispose(): void {
		for (const end of this.unsubscribe.splice(0)) end();
	}

	private changed(engine: EngineName | null): void {
		// Headless, nobody listens: no iterator made for each of a run's hundreds of thousands of events.
		if (this.listeners.size === 0) return;
		for (const listener of this.listeners) listener(engine);
	}
}
