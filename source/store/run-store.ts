import type {BusEvents} from '../model/events.js';
import type {RunBus} from '../bus/run-bus.js';
import type {EngineName, RunConfig} from '../model/run-config.js';
import type {MachineInfo, RunResult} from '../model/result-types.js';
import type {DashboardSnapshot, EngineView, RunPhase, TaskView} from './views.js';

type MutableTask = {-readonly [K in keyof TaskView]: TaskView[K]};
type EngineDraft = {-readonly [K in Exclude<keyof EngineView, 'tasks' | 'lanes'>]: EngineView[K]} & {
	tasks: MutableTask[];
	lanes: Array<EngineView['lanes'][number]>;
};

/** Snapshots are published at most this often: the dashboard's own load stays flat however busy the run. */
export const publishEveryMs = 100;

/** The first axis span, and the factor it grows by when a bar reaches its end. */
const firstAxisMs = 1000;
const axisGrowth = 1.5;

function emptyEngine(engine: EngineName): EngineDraft {
	return {
		engine,
		phase: 'waiting',
		version: 0,
		t0: null,
		startupMs: 0,
		lanes: [],
		tasks: [],
		done: 0,
		failed: 0,
		lastFailure: null,
		elapsedMs: 0,
		parallelism: null,
		loopLagMs: null,
		error: null,
	};
}

/**
 * Folds bus events into per-engine views and publishes a new immutable snapshot at most every
 * 100 ms (only when something changed), for React's useSyncExternalStore. Task lists are kept
 * per engine and reused between snapshots; an engine view is new only when that engine changed.
 */
export class RunStore {
	private snapshot: DashboardSnapshot;
	private readonly drafts = new Map<EngineName, EngineDraft>();
	private readonly dirty = new Set<EngineName>();
	private cores: readonly number[] = [];
	private phase: RunPhase = 'idle';
	private result: RunResult | null = null;
	private notice: string | null = null;
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
		on('engine:start', (event) => {
			const draft = this.draft(event.engine);
			Object.assign(draft, {phase: 'running', t0: event.t, startupMs: event.startupMs});
			this.ticker ??= setInterval(() => {
				this.publish();
			}, this.publishEvery).unref();
			this.touch(event.engine);
		});
		on('lane:open', (event) => {
			const draft = this.draft(event.engine);
			draft.lanes.push(event.lane);
			if (draft.phase === 'waiting') draft.phase = 'starting';
			this.touch(event.engine);
		});
		on('task:queued', (event) => {
			const {tasks} = this.draft(event.engine);
			for (const id of event.ids) tasks[id] = {id, lane: null, state: 'queued', startMs: null, endMs: null, progress: 0, error: null, cpu: null};
			this.touch(event.engine);
		});
		on('task:start', (event) => {
			const draft = this.draft(event.engine);
			const task = draft.tasks[event.id];
			if (!task) return;
			Object.assign(task, {state: 'running', lane: event.lane, startMs: event.t - (draft.t0 ?? event.t)});
			this.touch(event.engine);
		});
		on('task:progress', (event) => {
			const {tasks} = this.draft(event.engine);
			event.ids.forEach((id, index) => {
				const task = tasks[id];
				if (task?.state === 'running') task.progress = event.values[index] ?? task.progress;
			});
			this.touch(event.engine);
		});
		on('task:end', (event) => {
			const draft = this.draft(event.engine);
			const task = draft.tasks[event.id];
			if (!task) return;
			const t0 = draft.t0 ?? event.t;
			if (event.started) Object.assign(task, {lane: event.started.lane, startMs: event.started.t - t0});
			Object.assign(task, {state: event.ok ? 'done' : 'failed', endMs: event.t - t0, progress: 1, error: event.error, cpu: event.cpu});
			task.startMs ??= task.endMs;
			draft.done++;
			if (!event.ok) {
				draft.failed++;
				draft.lastFailure = `#${event.id} ${event.error ?? 'failed'}`;
			}
			this.touch(event.engine);
		});
		on('engine:sample', (event) => {
			const draft = this.draft(event.engine);
			const elapsed = event.t - (draft.t0 ?? event.t);
			draft.parallelism = elapsed > 0 ? event.cpuMs / elapsed : null;
			draft.loopLagMs = event.loopLagMs;
			this.touch(event.engine);
		});
		on('cpu:sample', (event) => {
			this.cores = event.busy;
			this.touch();
		});
		on('engine:end', (event) => {
			const draft = this.draft(event.engine);
			const m = event.measurements;
			Object.assign(draft, {
				phase: m ? 'done' : 'failed',
				error: event.error,
				elapsedMs: m?.elapsedMs ?? draft.elapsedMs,
				parallelism: m && m.elapsedMs > 0 ? m.cpuMs / m.elapsedMs : draft.parallelism,
				loopLagMs: m?.loopLagMaxMs ?? draft.loopLagMs,
			});
			this.touch(event.engine);
		});
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
		this.result = null;
		this.axisMs = firstAxisMs;
		this.stopTicker();
		this.publish();
	}

	private stopTicker(): void {
		clearInterval(this.ticker);
		this.ticker = undefined;
	}

	setNotice(notice: string | null): void {
		this.notice = notice;
		this.publish();
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	readonly getSnapshot = (): DashboardSnapshot => this.snapshot;

	dispose(): void {
		clearTimeout(this.timer);
		this.stopTicker();
		for (const off of this.unsubscribe) off();
		this.listeners.clear();
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
		const previous = this.snapshot as DashboardSnapshot | undefined;
		const engines = this.config.engines.map((name) => {
			const draft = this.draft(name);
			const old = previous?.engines.find((view) => view.engine === name);
			if (old && !this.dirty.has(name) && old.version === draft.version) return old;
			draft.version++;
			return {...draft};
		});
		this.dirty.clear();
		const longest = Math.max(0, ...engines.map((view) => view.elapsedMs));
		while (longest > this.axisMs) this.axisMs *= axisGrowth;
		return {
			phase: this.phase,
			config: this.config,
			machine: this.machine,
			engines,
			cores: this.cores,
			axisMs: this.axisMs,
			result: this.result,
			notice: this.notice,
		};
	}
}
