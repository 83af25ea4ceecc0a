// Run: npm run bench. Measures concur-tui's engines on this machine and writes bench/results.md.
import {mkdirSync, writeFileSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {join} from 'node:path';
import workerpool from 'workerpool';
import {RunBus} from '../source/bus/run-bus.js';
import {defaultRunConfig} from '../source/config/defaults.js';
import type {EngineName, RunConfig} from '../source/model/run-config.js';
import {machineInfo} from '../source/measure/machine-info.js';
import {runEngines} from '../source/orchestrator/run-engines.js';
import type {RunResult} from '../source/model/result-types.js';
import {distFile} from '../source/util/dist-file.js';
import {asyncTaskCost, processCost, threadCost} from './unit-costs.js';
import {dashboardCost} from './dashboard-cost.js';
import {memoryCost, paperCost} from './memory-cost.js';

type Row = {readonly measure: string; readonly figure: string; readonly target: string; readonly met: boolean | null};

const machine = machineInfo();

async function run(config: Partial<RunConfig>): Promise<RunResult> {
	return runEngines(
		{...defaultRunConfig(2), tasks: 8, taskMs: 250, ...config},
		new RunBus(),
		machine,
	);
}

const elapsedOf = (result: RunResult, engine: EngineName) => result.engines.find((e) => e.engine === engine)?.elapsedMs ?? Number.NaN;

async function speedups(): Promise<Row[]> {
	const result = await run({workload: 'cpu', tasks: 8, taskMs: 250, pool: 2});
	const asyncMs = elapsedOf(result, 'async');
	return (['threads', 'processes'] as const).map((engine) => {
		const speedup = asyncMs / elapsedOf(result, engine);
		return {
			measure: `cpu 8 × 250 ms, pool 2: ${engine} speedup over async (${(asyncMs / 1000).toFixed(2)} s / ${(elapsedOf(result, engine) / 1000).toFixed(2)} s)`,
			figure: `${speedup.toFixed(2)}×`,
			target: '≥ 1.85× (ideal 2.0)',
			met: speedup >= 1.85,
		};
	});
}

async function asyncScale(): Promise<Row> {
	const result = await run({workload: 'sleep', tasks: 10_000, taskMs: 1000, engines: ['async']});
	const elapsed = elapsedOf(result, 'async');
	return {measure: 'sleep 10,000 × 1000 ms on async: elapsed', figure: `${(elapsed / 1000).toFixed(3)} s`, target: '≤ 1.10 s', met: elapsed <= 1100};
}

async function barePoolMs(workerType: 'thread' | 'process', tasks: number): Promise<number> {
	const pool = workerpool.pool(distFile('bare-worker.js'), {workerType, minWorkers: 2, maxWorkers: 2, forkOpts: {execArgv: []}});
	try {
		await Promise.all([pool.exec('noop', []), pool.exec('noop', [])]);
		const start = performance.now();
		await Promise.all(Array.from({length: tasks}, () => pool.exec('noop', []) as Promise<void>));
		return performance.now() - start;
	} finally {
		await pool.terminate(true);
	}
}

async function dispatch(): Promise<Row[]> {
	const tasks = 20_000;
	const rows: Row[] = [];
	for (const [engine, workerType] of [['threads', 'thread'], ['processes', 'process']] as const) {
		// Engine and bare pool alternate, three times each (best of each kept), so drift on a noisy machine hits both.
		const ours: number[] = [];
		const bare: number[] = [];
		for (let round = 0; round < 3; round++) {
			// eslint-disable-next-line no-await-in-loop
			ours.push(elapsedOf(await run({workload: 'noop', tasks, taskMs: 1, engines: [engine]}), engine));
			// eslint-disable-next-line no-await-in-loop
			bare.push(await barePoolMs(workerType, tasks));
		}

		const oursMs = Math.min(...ours);
		const bareMs = Math.min(...bare);
		const ratio = bareMs / oursMs;
		rows.push({
			measure: `dispatch 20,000 tiny tasks, ${engine} engine vs bare workerpool (${Math.round((tasks / oursMs) * 1000)} vs ${Math.round((tasks / bareMs) * 1000)} tasks/s)`,
			figure: `${ratio.toFixed(2)} of its throughput`,
			target: '≥ 0.85',
			met: ratio >= 0.85,
		});
	}

	return rows;
}

async function unitCosts(): Promise<Row[]> {
	const costs = [await asyncTaskCost(), await threadCost(), await processCost()];
	return costs.map((cost) => ({
		measure: `spawn cost and memory: ${cost.unit} (${cost.memoryOf})`,
		figure: `${cost.spawnMs < 1 ? `${(cost.spawnMs * 1000).toFixed(2)} µs` : `${cost.spawnMs.toFixed(1)} ms`}, ${cost.memoryBytes < 1024 * 1024 ? `${(cost.memoryBytes / 1024).toFixed(1)} KB` : `${(cost.memoryBytes / 1024 / 1024).toFixed(1)} MB`}`,
		target: 'measured',
		met: null,
	}));
}

function markdown(rows: readonly Row[]): string {
	const lines = [
		`# concur-tui benchmark`,
		'',
		`${new Date().toISOString().slice(0, 10)} · ${machine.cores} cores (${availableParallelism()} available) · ${machine.cpuModel} · node ${machine.node} · ${machine.platform}`,
		'',
		'| measure | figure | target | met |',
		'|---|---|---|---|',
		...rows.map((row) => `| ${row.measure} | ${row.figure} | ${row.target} | ${row.met === null ? '–' : row.met ? 'yes' : '**no**'} |`),
		'',
	];
	return lines.join('\n');
}

const sections: Record<string, () => Promise<Row[]>> = {
	speedup: speedups,
	scale: async () => [await asyncScale()],
	dispatch,
	units: unitCosts,
	dashboard: dashboardCost,
	memory: memoryCost,
	paper: paperCost,
};
// `node dist/bench.js dispatch` runs one section; no argument runs them all.
const chosen = process.argv.slice(2);
const rows: Row[] = [];
for (const [name, section] of Object.entries(sections)) {
	// Sections run one after another so they do not disturb each other's figures.
	// eslint-disable-next-line no-await-in-loop
	if (chosen.length === 0 || chosen.includes(name)) rows.push(...(await section()));
}

const table = markdown(rows);
process.stdout.write(table);
if (chosen.length === 0) {
	mkdirSync('bench', {recursive: true});
	writeFileSync(join('bench', 'results.md'), table);
}
