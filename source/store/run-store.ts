import {usableCores, type EngineName, type RunConfig} from '../model/run-config.js';
import type {MachineInfo} from '../model/result-types.js';
import {emptyEngine, type EngineState} from '../run-model/engine-state.js';
import {otherProgramsCores, type RunModel} from '../run-model/run-model.js';
import type {DashboardSnapshot, EngineView, RunPhase} from './views.js';
import {estimatedEngineMs} from '../config/run-estimate.js';
import {publishView} from './publish-view.js';

/** Snapshots are published at most this often: the dashboard's own load stays flat however busy the run. */
export const publishEveryMs = 100;

/** The first axis span, and the factor it grows by when a bar reaches its end. */
const firstAxisMs = 1000;
const axisGrowth = 1.5;

/**
 * The axis a run starts with: its longest engine's expected length (config/run-estimate.ts) and a
 * tenth more, rounded up to a half second, so the bars do not jump mid-run; 1 s when the length
 * cannot be expected (a task module), growing by half whenever a bar reaches the end.
 */
export function initialAxisMs(config: RunConfig, cores: number): number {
	const estimates = estimatedEngineMs(config, cores);
	if (!estimates || estimates.length === 0) return firstAxisMs;
	const longest = Math.max(...estimates.map((each) => each.ms)) * 1.1;
	return Math.max(firstAxisMs, Math.ceil(longest / 500) * 500);
}

/**
 * Publishes what the run model (run-model/run-model.ts, the one fold of the bus) holds as
 * snapshots for React's useSyncExternalStore: at most once per publishing interval (1000 / --fps
 * ms, and only when something changed). Published views are immutable and published per panel:
 * an engine's view is new only when that engine changed, and within it the task list, the lanes
 * and each lane's activity are new only when they changed (publish-view.ts). Between runs (after
 * `reset`, before the next run's model is followed) the panels are empty.
 */
export class RunStore {
	private snapshot: DashboardSnapshot;
	private model: RunModel | undefined;
	private unfollow: (() => void) | undefined;
	/** Engines changed since the last snapshot. */
	private readonly dirty = new Set<EngineName>();
	/** Each engine's last view, with the state it was published from and its version. */
	private readonly views = new Map<EngineName, {state: EngineState; view: EngineView}>();
	private readonly versions = new Map<EngineName, number>();
	/** Empty engines, shown before a run's first event (and the same objects each time). */
	private empties = new Map<EngineName, EngineState>();
	private cores: readonly number[] = [];
	private load: DashboardSnapshot['load'] = null;
	private notice: string | null = null;
	/** Set when the run could not start (a TMPDIR -w fs cannot use, a port -w net cannot bind): idle, not calibrating. */
	private notStarted = false;
	private noticeTimer: NodeJS.Timeout | undefined;
	private axisMs = firstAxisMs;
	private changed = false;
	private timer: NodeJS.Timeout | undefined;
	/** While an engine runs its bars move with time itself: snapshots then follow a steady clock. */
	private ticker: NodeJS.Timeout | undefined;
	private readonly listeners = new Set<() => void>();

	constructor(
		private config: RunConfig,
		private readonly machine: MachineInfo,
		private readonly clock: () => number = Date.now,
		private readonly publishEvery = publishEveryMs,
	) {
		this.snapshot = this.build();
		this.reset(config);
	}

	/** Starts over for a new run of `config`: empty panels, calibrating, until `follow` gives its model. */
	reset(config: RunConfig): void {
		this.unfollow?.();
		this.unfollow = undefined;
		this.model = undefined;
		this.notStarted = false;
		this.config = config;
		this.empties = new Map(config.engines.map((engine) => [engine, emptyEngine(engine)]));
		this.axisMs = initialAxisMs(config, usableCores(config, this.machine.cores));
		this.stopTicker();
		this.publish();
	}

	/** The run could not start: the header says idle, and the news says why until a key starts another. */
	startFailed(why: string): void {
		this.unfollow?.();
		this.unfollow = undefined;
		this.model = undefined;
		this.notStarted = true;
		this.stopTicker();
		this.setNotice(`could not start: ${why}`);
	}

	/** Shows the run `model` folds (subscribed to the bus before the run starts). */
	follow(model: RunModel): void {
		this.unfollow?.();
		this.model = model;
		this.unfollow = model.onChange((engine) => {
			this.modelChanged(engine);
		});
		this.touch();
	}

	private modelChanged(engine: EngineName | null): void {
		const model = this.model!;
		if (engine) {
			this.dirty.add(engine);
			// An engine running: its bars move with time, so snapshots follow a steady clock.
			if (model.engine(engine).phase === 'running') {
				this.ticker ??= setInterval(() => {
					this.publish();
				}, this.publishEvery).unref();
			}
		} else {
			const sample = model.latestSample();
			if (sample) {
				this.cores = sample.busy;
				const otherCores = otherProgramsCores(sample);
				this.load = sample.ownCores === null || otherCores === null ? null : {ownCores: sample.ownCores, otherCores};
			}

			if (model.result) {
				this.stopTicker();
				this.publish();
				return;
			}
		}

		this.touch();
	}

	private stopTicker(): void {
		clearInterval(this.ticker);
		this.ticker = undefined;
	}

	/**
	 * A short line for the footer. Most are news (a trace written, a run restarted): they go after
	 * `forMs` unless another replaced them. A notice without `forMs` stays until replaced.
	 */
	setNotice(notice: string | null, forMs?: number): void {
		clearTimeout(this.noticeTimer);
		this.notice = notice;
		if (notice !== null && forMs !== undefined) {
			this.noticeTimer = setTimeout(() => {
				if (this.notice === notice) this.setNotice(null);
			}, forMs).unref();
		}

		this.publish();
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	readonly getSnapshot = (): DashboardSnapshot => this.snapshot;

	dispose(): void {
		clearTimeout(this.timer);
		clearTimeout(this.noticeTimer);
		this.stopTicker();
		this.unfollow?.();
		this.listeners.clear();
	}

	/** Marks a change; the snapshot follows within one publishing interval. */
	private touch(): void {
		this.changed = true;
		if (this.ticker) return;
		this.timer ??= setTimeout(() => {
			this.timer = undefined;
			if (this.changed) this.publish();
		}, this.publishEvery);
	}

	private publish(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		this.changed = false;
		this.snapshot = this.build();
		for (const listener of this.listeners) listener();
	}

	/** An engine's state now: the model's in its current round, else an empty one. */
	private stateOf(engine: EngineName): EngineState {
		const state = this.model?.rounds.at(-1)?.engines.get(engine);
		return state ?? this.empties.get(engine) ?? emptyEngine(engine);
	}

	private viewOf(engine: EngineName, now: number): EngineView {
		const state = this.stateOf(engine);
		const last = this.views.get(engine);
		const same = last?.state === state;
		// A running engine's elapsed time moves with the clock: its view is new at each snapshot.
		if (same && !this.dirty.has(engine) && state.phase !== 'running') return last.view;
		const version = (this.versions.get(engine) ?? 0) + 1;
		this.versions.set(engine, version);
		const view = publishView(state, same ? last.view : undefined, version, state.t0 === null ? 0 : now - state.t0);
		this.views.set(engine, {state, view});
		return view;
	}

	private build(): DashboardSnapshot {
		const model = this.model;
		const now = this.clock() - (model?.start?.startedAt ?? 0);
		const engines = this.config.engines.map((engine) => this.viewOf(engine, now));
		this.dirty.clear();
		const longest = Math.max(0, ...engines.map((view) => view.elapsedMs));
		while (longest > this.axisMs) this.axisMs *= axisGrowth;
		const round = model?.rounds.at(-1);
		const phase: RunPhase = this.notStarted ? 'idle' : model?.result ? 'done' : model?.start ? 'running' : 'calibrating';
		return {
			phase,
			round: round ? {round: round.round, rounds: round.rounds} : {round: 0, rounds: this.config.runs},
			config: this.config,
			machine: this.machine,
			engines,
			cores: this.cores,
			load: this.load,
			axisMs: this.axisMs,
			result: model?.result ?? null,
			notice: this.notice,
		};
	}
}
