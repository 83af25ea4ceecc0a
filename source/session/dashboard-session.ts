import {runLimits} from '../config/limits.js';
import {join} from 'node:path';
import {RunBus} from '../bus/run-bus.js';
import {usableCores, workloadNames, type RunConfig} from '../model/run-config.js';
import {runEngines, stopAllHosts} from '../orchestrator/run-engines.js';
import type {MachineInfo, RunResult} from '../model/result-types.js';
import {RunStore} from '../store/run-store.js';
import {RunModel} from '../run-model/run-model.js';
import {scaleConcern} from '../config/scale-check.js';
import {longRunNotice} from '../config/run-estimate.js';
import {machineCapacity} from '../measure/machine-info.js';
import type {DashboardControls} from '../model/dashboard-controls.js';
import {writeSave, writeTrace} from './exports.js';

/** Settings keys restart the run once typing pauses this long, not on every key. */
const restartDelayMs = 300;

type SessionOptions = {
	readonly tracePath: string | null;
	readonly savePath: string | null;
	/** Frames per second at most: the store publishes at this rate. */
	readonly fps: number;
	/** --force: keys may make the run bigger than this machine suits. */
	readonly force?: boolean;
	readonly onRunEnd?: (result: RunResult) => void;
	readonly onQuit: () => void;

};

/**
 * Owns the dashboard's runs: one bus and one store for the session, a run at a time. Keys
 * change the settings and restart the run; a restart aborts the running one first.
 */
/** How long news stays in the footer (a trace written, a run restarted). */
const newsMs = 5000;

export class DashboardSession {
	readonly bus = new RunBus();
	readonly store: RunStore;
	private config: RunConfig;
	private running: {controller: AbortController; done: Promise<void>} | undefined;
	/** Launches asked for so far: only the newest may start its run. */
	private launches = 0;
	private restartTimer: NodeJS.Timeout | undefined;
	private lastResult: RunResult | null = null;
	private quitting = false;

	constructor(
		config: RunConfig,
		private readonly machine: MachineInfo,
		private readonly options: SessionOptions,
	) {
		this.config = config;
		this.store = new RunStore(config, machine, Date.now, 1000 / options.fps);
	}

	readonly controls: DashboardControls = {
		rerun: () => {
			this.restart(this.config, 0);
		},
		nextWorkload: () => {
			if (this.config.workload === 'module') {
				this.store.setNotice('a task module is the workload: w cycles the built-in ones only', newsMs);
				return;
			}

			const index = workloadNames.indexOf(this.config.workload as (typeof workloadNames)[number]);
			this.restart({...this.config, workload: workloadNames[(index + 1) % workloadNames.length]!});
		},
		changeTasks: (direction) => {
			const tasks = Math.min(runLimits.tasks, Math.max(1, this.config.tasks + direction * this.config.pool));
			this.restartWithinScale({...this.config, tasks});
		},
		changePool: (direction) => {
			this.restartWithinScale({...this.config, pool: Math.min(runLimits.pool, Math.max(1, this.config.pool + direction))});
		},
		toggleMode: () => {
			this.restart({...this.config, mode: this.config.mode === 'race' ? 'sequential' : 'race'});
		},
		writeTrace: () => {
			this.store.setNotice(this.traceNews(), newsMs);
		},
		quit: () => {
			this.quit();
		},
		suspend: () => {
			this.suspendScreen();
		},
		tell: (notice) => {
			this.store.setNotice(notice, newsMs);
		},
	};

	/** What Ctrl+Z does: given by the screen's owner, which can give the terminal back. */
	private suspendScreen: () => void = () => undefined;

	setSuspend(suspend: () => void): void {
		this.suspendScreen = suspend;
	}

	/** Starts the first run. A task module that cannot be used rejects with a UsageError. */
	async start(): Promise<void> {
		await this.launch(this.config);
	}

	quit(): void {
		if (this.quitting) return;
		this.quitting = true;
		clearTimeout(this.restartTimer);
		this.running?.controller.abort();
		stopAllHosts();
		this.store.dispose();
		this.options.onQuit();
	}

	/** Settles once the current run has stopped and its exports are written. */
	async stopped(): Promise<void> {
		await this.running?.done;
	}

	/** A key that would make the run too big for this machine says so instead, unless --force. */
	private restartWithinScale(config: RunConfig): void {
		const capacity = machineCapacity();
		const concern = this.options.force ? null : scaleConcern(config, capacity);
		if (concern !== null && scaleConcern(this.config, capacity) === null) {
			this.store.setNotice(`${concern}; start with --force to go further`, newsMs);
			return;
		}

		this.restart(config);
	}

	private restart(config: RunConfig, delayMs = restartDelayMs): void {
		// A key that restarts mid-run says so: the run in progress is dropped, not finished.
		const midRun = this.store.getSnapshot().phase === 'running' || this.store.getSnapshot().phase === 'calibrating';
		const change = describeChange(this.config, config);
		this.config = config;
		this.store.reset(config);
		this.store.setNotice(midRun ? `${change}: the run in progress was stopped; starting over` : null, newsMs);
		clearTimeout(this.restartTimer);
		this.restartTimer = setTimeout(() => {
			this.launch(config).catch((error: unknown) => {
				this.store.startFailed(error instanceof Error ? error.message : String(error));
			});
		}, delayMs);
	}

	private async launch(config: RunConfig): Promise<void> {
		// One run at a time, whatever the keys: the run in progress is stopped and waited for, and
		// a launch asked for meanwhile supersedes this one (three quick r's start one run, not two).
		const generation = ++this.launches;
		while (this.running) {
			const previous = this.running;
			previous.controller.abort();
			// eslint-disable-next-line no-await-in-loop -- each run must be gone before the next starts
			await previous.done;
			if (this.running === previous) this.running = undefined;
		}

		if (this.quitting || generation !== this.launches) return;
		this.store.reset(config);
		// A long run says so up front, with the estimate.
		const longRun = longRunNotice(config, usableCores(config, this.machine.cores));
		if (longRun) this.store.setNotice(longRun);
		const controller = new AbortController();
		const model = new RunModel(this.bus, {laneActivity: true});
		this.store.follow(model);
		const done = runEngines(config, this.bus, this.machine, controller.signal, model).then((result) => {
			// A run replaced by another is dropped; one cut short by quitting is still exported,
			// marked incomplete (result.complete is false).
			if (controller.signal.aborted && !this.quitting) return;
			this.lastResult = result;
			// Each export is tried whatever became of the other; a failure is news, and the exit code.
			const {tracePath, savePath} = this.options;
			const news = [
				...(tracePath ? [this.exported(() => this.writeTrace(tracePath), `trace written: ${tracePath}`)] : []),
				...(savePath ? [this.exported(() => writeSave(savePath, result), `saved: ${savePath}`)] : []),
			];
			if (news.length > 0) this.store.setNotice(news.join(' · '), newsMs);
			if (!this.quitting) this.options.onRunEnd?.(result);
		});
		this.running = {controller, done: done.catch(() => undefined)};
		try {
			await done;
		} catch (error) {
			// A run stopped by the user (quit, restart) ends quietly, even mid-calibration.
			if (controller.signal.aborted || this.quitting) return;
			throw error;
		}
	}

	/** Whether an export named by a flag failed in this session: the exit code says so. */
	exportFailed = false;

	/** Runs one export named by a flag: its news, and a failure remembered. */
	private exported(write: () => void, done: string): string {
		try {
			write();
			return done;
		} catch (error) {
			this.exportFailed = true;
			return error instanceof Error ? error.message : String(error);
		}
	}

	/** The `t` key: a trace of the last run into the working folder, as news. */
	private traceNews(): string {
		if (!this.lastResult) return 'no finished run to trace yet';
		const path = join(process.cwd(), `concur-tui-${new Date().toISOString().replaceAll(/[:.]/g, '-')}.trace.json`);
		return this.exported(() => this.writeTrace(path), `trace written: ${path}`);
	}

	private writeTrace(path: string): void {
		if (this.lastResult) writeTrace(path, this.lastResult);
	}
}

/** What a key changed, in a few words: "pool 3", "12 tasks", "workload hash", "race mode", "rerun". */
function describeChange(before: RunConfig, after: RunConfig): string {
	if (after.pool !== before.pool) return `pool ${after.pool}`;
	if (after.tasks !== before.tasks) return `${after.tasks} tasks`;
	if (after.workload !== before.workload) return `workload ${after.workload}`;
	if (after.mode !== before.mode) return `${after.mode} mode`;
	return 'rerun';
}
