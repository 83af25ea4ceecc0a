// The UI process's peak memory as the task count grows, and the dashboard on paper at 256 cores.
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {distFile} from '../source/util/dist-file.js';
import type {Row} from './dashboard-cost.js';
import {RunBus} from '../source/bus/run-bus.js';
import {defaultRunConfig} from '../source/config/defaults.js';
import {machineInfo} from '../source/measure/machine-info.js';
import {engineNames, type RunConfig} from '../source/model/run-config.js';
import {RunStore} from '../source/store/run-store.js';
import {hardwareStripLine} from '../source/ui/hardware-strip.js';
import {computeLayout} from '../source/ui/layout.js';
import {panelLines} from '../source/ui/panel/panel-lines.js';
import {simulateEngine} from './paper-run.js';

const cli = distFile('cli.js');

/** VmHWM of a process, in MB, or 0 once it is gone. */
function peakMb(pid: number): number {
	try {
		const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return kb ? Number(kb) / 1024 : 0;
	} catch {
		return 0;
	}
}

/** Runs concur-tui headless (--json to /dev/null) and follows its own peak RSS (not its engines'). */
async function uiPeakMb(args: readonly string[]): Promise<number> {
	const child = spawn(process.execPath, [cli, ...args, '--json'], {stdio: ['ignore', 'ignore', 'ignore']});
	let peak = 0;
	const timer = setInterval(() => {
		peak = Math.max(peak, peakMb(child.pid!));
	}, 200);
	await new Promise((resolve) => child.on('close', resolve));
	clearInterval(timer);
	return peak;
}

const targets: Record<number, number | null> = {1000: null, 10_000: 80, 100_000: 150};

/** UI peak RSS at 1k, 10k and 100k sleep tasks of 1 ms on all three engines (Linux: read from /proc). */
export async function memoryCost(): Promise<Row[]> {
	if (process.platform !== 'linux') return [];
	const rows: Row[] = [];
	for (const tasks of [1000, 10_000, 100_000]) {
		// eslint-disable-next-line no-await-in-loop -- one at a time, so they do not disturb each other
		const mb = await uiPeakMb(['-w', 'sleep', '--task-ms', '1', '-n', String(tasks), '-p', '2']);
		const target = targets[tasks] ?? null;
		rows.push({
			measure: `UI process peak RSS, ${tasks.toLocaleString('en')} sleep tasks of 1 ms on all three engines (--json)`,
			figure: `${mb.toFixed(0)} MB`,
			target: target === null ? 'measured' : `≤ ${target} MB`,
			met: target === null ? null : mb <= target,
		});
	}

	return rows;
}

/** 256 cores on paper: the 80x24 frame of a run with 256 lanes per pool and 100,000 tasks on each engine, half done. */
export async function paperCost(): Promise<Row[]> {
	const cores = 256;
	const tasks = 100_000;
	const machine = {...machineInfo(), cores};
	const config: RunConfig = {...defaultRunConfig(cores), tasks, taskMs: 1, pool: cores};
	const heapBefore = process.memoryUsage().heapUsed;
	const bus = new RunBus();
	let now = 0;
	const store = new RunStore(bus, config, machine, () => now, 5);
	bus.emit('run:start', {runId: 'paper', config, machine, startedAt: 0});
	bus.emit('cpu:sample', {t: 0, busy: Array.from({length: cores}, (_, core) => (core % 3) / 2), ownCores: 200, engineCores: {}});
	for (const engine of engineNames) simulateEngine(bus, engine, {tasks, lanes: cores, cores, doneShare: 0.5});
	now = 400;
	await new Promise((resolve) => setTimeout(resolve, 20));
	const snapshot = store.getSnapshot();
	const layout = computeLayout(79, 24, snapshot.engines.map((view) => ({tasks, lanes: view.lanes.length, laneNameWidth: 4})), false);
	if (layout.kind !== 'ok') return [];
	const frames = Array.from({length: 10}, () => {
		const started = performance.now();
		for (const [index, view] of snapshot.engines.entries()) panelLines(view, snapshot.axisMs, layout.panel, layout.panelRows[index]!);
		hardwareStripLine(snapshot.cores, 79, snapshot.load);
		return performance.now() - started;
	}).sort((a, b) => a - b);
	const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
	store.dispose();
	return [
		{measure: 'simulated 256 cores × 100,000 tasks on each engine: 80x24 frame build (median of 10)', figure: `${frames[5]!.toFixed(1)} ms`, target: '≤ 16 ms', met: frames[5]! <= 16},
		{measure: 'simulated 256 cores × 100,000 tasks on each engine: heap of the store and the bus', figure: `${heapMb.toFixed(0)} MB`, target: '≤ 200 MB', met: heapMb <= 200},
	];
}
