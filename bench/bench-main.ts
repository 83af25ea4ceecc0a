// Run: npm run bench. Measures concur-tui's engines on this machine and writes bench/results.md.
import {mkdirSync, writeFileSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {join} from 'node:path';
import {RunBus} from '../source/bus/run-bus.js';
import {defaultRunConfig} from '../source/config/defaults.js';
import type {EngineName, RunConfig} from '../source/model/run-config.js';
import {machineInfo} from '../source/measure/machine-info.js';
import {runEngines} from '../source/orchestrator/run-engines.js';
import type {RunResult} from '../source/model/result-types.js';
import {totalRunTime} from '../source/result/evidence.js';
import {asyncTaskCost, processCost, threadCost} from './unit-costs.js';
import {dashboardCost, defaultRunCost, type Row} from './dashboard-cost.js';
import {dispatchCost} from './dispatch-cost.js';
import {memoryCost, paperCost} from './memory-cost.js';


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

/**
 * 100,000 cpu tasks of 1 ms on each pool engine at pool 2 (about a minute each) against the ideal:
 * the tasks' own measured time, shared perfectly between the units.
 */
async function manyTinyTasks(): Promise<Row[]> {
	const rows: Row[] = [];
	for (const engine of ['threads', 'processes'] as const) {
		// eslint-disable-next-line no-await-in-loop -- one engine at a time
		const result = await run({workload: 'cpu', tasks: 100_000, taskMs: 1, pool: 2, engines: [engine]});
		const measured = result.engines[0]!;
		const taskTime = totalRunTime(measured.tasks);
		const idealMs = taskTime / measured.lanes.length;
		const ratio = measured.elapsedMs / idealMs;
		rows.push({
			measure: `100,000 cpu tasks of 1 ms, ${engine}, pool 2: elapsed ÷ ideal (${(measured.elapsedMs / 1000).toFixed(1)} s ÷ ${(idealMs / 1000).toFixed(1)} s: mean task ${(taskTime / measured.tasks.length).toFixed(3)} ms × 100,000 ÷ ${measured.lanes.length} units)`,
			figure: `${ratio.toFixed(2)}×`,
			before: '69-70 s for an ideal of 50 s (1.4×)',
			target: '≤ 1.15×',
			met: ratio <= 1.15,
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
		'"before" is the figure when issue 13 (costs that do not grow with the work) was filed, for the rows it set out to improve.',
		'',
		'| measure | figure | before | target | met |',
		'|---|---|---|---|---|',
		...rows.map((row) => `| ${row.measure} | ${row.figure} | ${row.before ?? ''} | ${row.target} | ${row.met === null ? '–' : row.met ? 'yes' : '**no**'} |`),
		'',
	];
	return lines.join('\n');
}

const sections: Record<string, () => Promise<Row[]>> = {
	speedup: speedups,
	scale: async () => [await asyncScale()],
	dispatch: dispatchCost,
	tiny: manyTinyTasks,
	units: unitCosts,
	dashboard: dashboardCost,
	default: defaultRunCost,
	memory: memoryCost,
	paper: paperCost,
};
// `node dist/bench.js dispatch` runs one section; no argument runs them all (`default`, a part of
// `dashboard` for comparing two builds, only when asked).
const chosen = process.argv.slice(2);
const rows: Row[] = [];
for (const [name, section] of Object.entries(sections)) {
	// Sections run one after another so they do not disturb each other's figures.
	// eslint-disable-next-line no-await-in-loop
	if (chosen.length === 0 ? name !== 'default' : chosen.includes(name)) rows.push(...(await section()));
}

const table = markdown(rows);
process.stdout.write(table);
if (chosen.length === 0) {
	mkdirSync('bench', {recursive: true});
	writeFileSync(join('bench', 'results.md'), table);
}
