// A run that never ran: events for one engine of `tasks` tasks on `lanes` lanes, fed to a bus, so
// the store and the dashboard can be measured at sizes this machine cannot run (256 cores).
import {RunBus} from '../source/bus/run-bus.js';
import {defaultRunConfig} from '../source/config/defaults.js';
import {machineInfo} from '../source/measure/machine-info.js';
import {engineNames, type EngineName, type RunConfig} from '../source/model/run-config.js';
import {RunStore} from '../source/store/run-store.js';
import {RunModel} from '../source/run-model/run-model.js';
import {hardwareStripLine} from '../source/ui/hardware-strip.js';
import {computeLayout} from '../source/ui/layout.js';
import {panelLines} from '../source/ui/panel/panel-lines.js';

type PaperRun = {readonly tasks: number; readonly lanes: number; readonly cores: number; readonly doneShare: number};

/** Each lane runs its tasks one after another, 1 ms each; `doneShare` of them have ended, the next on each lane runs. */
function simulateEngine(bus: RunBus, engine: EngineName, run: PaperRun): void {
	const lanes = engine === 'async' ? 1 : run.lanes;
	const pidOf = (lane: number) => (engine === 'processes' ? 1000 + lane : 1);
	bus.emit('engine:start', {engine, t: 0, startupMs: 30, hostPid: 1});
	for (let id = 0; id < lanes; id++) bus.emit('lane:open', {engine, t: 0, lane: {id, label: `unit ${id + 1}`, pid: pidOf(id), tid: 2000 + id}});
	bus.emit('task:queued', {engine, t: 0, ids: Array.from({length: run.tasks}, (_, id) => id)});
	const ended = Math.floor(run.tasks * run.doneShare);
	for (let id = 0; id < ended + lanes && id < run.tasks; id++) {
		const lane = id % lanes;
		const t = Math.floor(id / lanes);
		const started = {t, lane, pid: pidOf(lane), tid: 2000 + lane};
		if (id < ended) bus.emit('task:end', {engine, t: t + 1, id, started, ok: true, error: null, cpu: lane % run.cores, runStartT: null});
		else bus.emit('task:start', {engine, id, ...started});
	}
}

/** A store fed a paper run on every engine (half done), and the 80x24 layout the app would give it. */
export async function paperDashboard(run: {readonly cores: number; readonly lanes: number; readonly tasks: number; readonly nowMs: number}) {
	const machine = {...machineInfo(), cores: run.cores};
	const config: RunConfig = {...defaultRunConfig(run.cores), tasks: run.tasks, taskMs: 1, pool: run.lanes};
	const bus = new RunBus();
	let now = 0;
	const store = new RunStore(config, machine, () => now, 5);
	store.follow(new RunModel(bus, {laneActivity: true}));
	bus.emit('run:start', {runId: 'paper', config, machine, startedAt: 0});
	bus.emit('cpu:sample', {t: 0, busy: Array.from({length: run.cores}, (_, core) => (core % 3) / 2), ownCores: Math.min(200, run.cores), engineCores: {}});
	for (const engine of engineNames) simulateEngine(bus, engine, {tasks: run.tasks, lanes: run.lanes, cores: run.cores, doneShare: 0.5});
	now = run.nowMs;
	// The store publishes on its own clock (5 ms here).
	await new Promise((resolve) => setTimeout(resolve, 20));
	const snapshot = store.getSnapshot();
	const layout = computeLayout(79, 24, snapshot.engines.map((view) => ({tasks: run.tasks, lanes: view.lanes.length, laneNameWidth: view.lanes.length > 1 ? 4 : 1})), false);
	if (layout.kind !== 'ok') throw new Error('80x24 is too small for the layout');
	return {store, snapshot, layout};
}

/** The time to build every panel's lines and the strip, as the app does each frame; `count` frames, sorted. */
export function frameTimes({snapshot, layout}: Pick<Awaited<ReturnType<typeof paperDashboard>>, 'snapshot' | 'layout'>, count = 10): number[] {
	return Array.from({length: count}, () => {
		const started = performance.now();
		for (const [index, view] of snapshot.engines.entries()) panelLines(view, snapshot.axisMs, layout.panel, layout.panelRows[index]!);
		hardwareStripLine(snapshot.cores, 79, snapshot.load);
		return performance.now() - started;
	}).sort((a, b) => a - b);
}
