import type {BusEvents} from '../model/events.js';
import type {RunBus} from '../bus/run-bus.js';
import {usableCores, type EngineName, type RunConfig} from '../model/run-config.js';
import type {MachineInfo, RunResult} from '../model/result-types.js';
import {
	emptyEngine,
	engineEnded,
	engineHeld,
	engineSampled,
	engineStarted,
	laneOpened,
	laneProgressed,
	otherLoadSampled,
	taskEnded,
	taskProgressed,
	tasksQueued,
	taskStarted,
	publishView,
	type EngineDraft,
} from './engine-draft.js';
import type {DashboardSnapshot, RunPhase} from './views.js';
import {estimatedEngineMs} from '../config/run-estimate.js';
import {otherProgramsCores} from '../result/engine-load.js';

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
 * Folds bus events into per-engine views (one named function per kind of event, in
 * engine-draft.ts) and publishes a new snapshot at most once per publishing interval (1000 /
 * --fps ms, and only when something changed), for React's useSyncExternalStore. Published
 * views are immutable and published per panel: an engine's view is new only when that engine
 * changed, and within it the task list, the lanes and each lane's activity are new only when they
 * changed (engine-draft.ts publishView).
 */
export class RunStore {
	private snapshot: DashboardSnapshot;
	private readonly drafts = new Map<EngineName, EngineDraft>();
	private readonly dirty = new Set<EngineName>();
	private cores: readonly number[] = [];
	private load: DashboardSnapshot['load'] = null;
	private round: DashboardSnapshot['round'] = {round: 0, rounds: 1};
	private phase: RunPhase = 'idle';
	private result: RunResult | null = null;
	private notice: string | null = null;
	private noticeTimer: NodeJS.Timeout | undefined;
	private runStartedAt = 0;
	private axisMs = firstAxisMs;
	private changed = false;
	private timer: NodeJS.Timeout | undefined;
	/** While an engine runs its bars move with time itself: snapshots then follow a steady clock. */
	private ticker: NodeJS.Timeout | undefined;
	private readonly listeners = new Set<() => void>();
	private readonly unsubscribe: Array<() => void> = [];

	constructor(
		bus: RunBus,
		private config: RunConfig,
		private readonly machine: MachineInfo,
		private readonly clock: () => number = Date.now,
		private readonly publishEvery = publishEveryMs,
	) {
		this.snapshot = this.build();
		this.reset(config);
		const on = <K extends keyof BusEvents>(name: K, handler: (...args: BusEvents[K]) => void) => {
			this.unsubscribe.push(bus.subscribe(name, handler));
		};

		on('run:start', (event) => {
			this.phase = 'running';
			this.runStartedAt = event.startedAt;
			this.touch();
		});
		on('round:start', (event) => {
			this.round = {round: event.round, rounds: event.rounds};
			// Each round's panels start empty: they show the round that is running.
			if (event.round > 0) for (const engine of this.config.engines) this.drafts.set(engine, emptyEngine(engine));
			this.touch();
		});
		on('engine:start', (event) => {
			this.ticker ??= setInterval(() => {
				this.publish();
			}, this.publishEvery).unref();
			this.fold(event, engineStarted);
		});
		on('lane:open', (event) => this.fold(event, laneOpened));
		on('task:queued', (event) => this.fold(event, tasksQueued));
		on('task:start', (event) => this.fold(event, taskStarted));
		on('task:progress', (event) => this.fold(event, taskProgressed));
		on('lane:progress', (event) => this.fold(event, laneProgressed));
		on('task:end', (event) => this.fold(event, taskEnded));
		on('engine:sample', (event) => this.fold(event, engineSampled));
		on('cpu:sample', (event) => {
			this.cores = event.busy;
			const otherCores = otherProgramsCores(event);
			this.load = event.ownCores === null || otherCores === null ? null : {ownCores: event.ownCores, otherCores};
			if (this.load) {
				for (const draft of this.drafts.values()) {
					if (draft.phase !== 'running') continue;
					otherLoadSampled(draft, this.load.otherCores);
					this.dirty.add(draft.engine);
				}
			}

			this.touch();
		});
		on('engine:held', (event) => this.fold(event, engineHeld));
		on('engine:end', (event) => this.fold(event, engineEnded));
		on('run:end', (event) => {
			this.phase = 'done';
			this.result = event.result;
			this.stopTicker();
			this.publish();
		});
	}

	/** Starts over for a new run of `config`: empty panels, calibrating. */
	reset(config: RunConfig): void {
		this.config = config;
		this.drafts.clear();
		for (const engine of config.engines) this.drafts.set(engine, emptyEngine(engine));
		this.phase = 'calibrating';
		this.round = {round: 0, rounds: config.runs};
		this.result = null;
		this.axisMs = initialAxisMs(config, usableCores(config, this.machine.cores));
		this.stopTicker();
		this.publish();
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
		for (const off of this.unsubscribe) off();
		this.listeners.clear();
	}

	/** Folds one engine's event into its draft; the snapshot follows within one publishing interval. */
	private fold<E extends {readonly engine: EngineName}>(event: E, update: (draft: EngineDraft, event: E) => void): void {
		update(this.draft(event.engine), event);
		this.touch(event.engine);
	}

	private draft(engine: EngineName): EngineDraft {
		let draft = this.drafts.get(engine);
		if (!draft) {
			draft = emptyEngine(engine);
			this.drafts.set(engine, draft);
		}

		return draft;
	}

	/** Marks a change; the snapshot follows within one publishing interval. */
	private touch(engine?: EngineName): void {
		if (engine) this.dirty.add(engine);
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
		const now = this.clock() - this.runStartedAt;
		for (const draft of this.drafts.values()) {
			if (draft.phase === 'running' && draft.t0 !== null) {
				draft.elapsedMs = now - draft.t0;
				this.dirty.add(draft.engine);
			}
		}

		this.snapshot = this.build();
		for (const listener of this.listeners) listener();
	}

	private build(): DashboardSnapshot {
		const engines = this.config.engines.map((name) => {
			const draft = this.draft(name);
			if (draft.published && !this.dirty.has(name)) return draft.published;
			draft.version++;
			return publishView(draft);
		});
		this.dirty.clear();
		const longest = Math.max(0, ...engines.map((view) => view.elapsedMs));
		while (longest > this.axisMs) this.axisMs *= axisGrowth;
		return {
			phase: this.phase,
			round: this.round,
			config: this.config,
			machine: this.machine,
			engines,
			cores: this.cores,
			load: this.load,
			axisMs: this.axisMs,
			result: this.result,
			notice: this.notice,
		};
	}
}
