// The headless outputs: the JSON contract and the plain-text report (the trace: trace.test.ts).
import {beforeAll, describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import {fixture, runCli, runJson} from './helpers/run-cli.js';
import {type OracleDocument, verdictOracle} from './helpers/verdict-oracle.js';

describe('the JSON result document', () => {
	let result: RunResult;
	let raw: Record<string, unknown>;
	beforeAll(async () => {
		const run = await runJson(['-w', 'mixed', '-n', '4', '--task-ms', '100', '-p', '2']);
		result = run.result;
		raw = JSON.parse(run.run.stdout) as Record<string, unknown>;
	});

	it('follows the contract tools read', () => {
		expect(raw.schema).toBe(2);
		expect(result.machine).toEqual({
			cores: expect.any(Number),
			onlineCores: expect.any(Number),
			// null without a quota (a container may set one).
			cpuQuotaCores: result.machine.cpuQuotaCores === null ? null : expect.any(Number),
			// Where no cgroup file can be read the quota is unknown, not absent (always so off Linux).
			cpuQuotaReadable: process.platform === 'linux' ? expect.any(Boolean) : false,
			cpuModel: expect.any(String),
			node: process.version,
			platform: expect.any(String),
		});
		expect(result.config).toMatchObject({workload: 'mixed', tasks: 4, taskMs: 100, pool: 2, mode: 'sequential', engines: ['async', 'threads', 'processes']});
		// The verdict follows from the document's own figures, checked by the independent oracle.
		expect(verdictOracle(raw as unknown as OracleDocument, result.verdict)).toEqual([]);
		for (const engine of result.engines) {
			expect(engine).toMatchObject({
				engine: expect.stringMatching(/^(async|threads|processes)$/),
				elapsedMs: expect.any(Number),
				cpuMs: expect.any(Number),
				parallelism: expect.any(Number),
				peakRssBytes: expect.any(Number),
				startupMs: expect.any(Number),
				loopLagMaxMs: expect.any(Number),
				contended: expect.any(Boolean),
			});
			// Throttling is measured only under a quota.
			expect(engine.throttling === null).toBe(result.machine.cpuQuotaCores === null);
			for (const lane of engine.lanes) expect(Object.keys(lane)).toEqual(expect.arrayContaining(['id', 'pid', 'tid']));
			expect(engine.tasks).toHaveLength(4);
			for (const task of engine.tasks) {
				expect(Object.keys(task)).toEqual(
					expect.arrayContaining(['id', 'lane', 'pid', 'tid', 'cpu', 'queuedMs', 'startMs', 'endMs', 'ok', 'error']),
				);
				// Times are ms from the engine's start and in order.
				expect(task.queuedMs).toBe(0);
				expect(task.startMs!).toBeGreaterThanOrEqual(0);
				expect(task.endMs!).toBeGreaterThan(task.startMs!);
				expect(task.endMs!).toBeLessThanOrEqual(engine.elapsedMs + 1);
				expect(engine.lanes.map((lane) => lane.id)).toContain(task.lane);
			}
		}
	});

	it.runIf(process.platform === 'linux')('knows the OS thread and core of every task on Linux', () => {
		for (const task of result.engines.flatMap((engine) => engine.tasks)) {
			expect(task.tid).toEqual(expect.any(Number));
			expect(task.cpu).toEqual(expect.any(Number));
		}
	});
});

describe('the plain-text report (stdout not a terminal)', () => {
	it('shows a timeline, the results table and the verdict', async () => {
		const run = await runCli(['-w', 'cpu', '-n', '4', '--task-ms', '100', '-p', '2']);
		expect(run.code).toBe(0);
		// Streamed: the run first, a line as each engine ends, then the rest.
		expect(run.stdout).toMatch(/^concur-tui · cpu · 4 tasks × 100 ms[^\n]*\nmachine: [^\n]+\nasync: 4 of 4 tasks ok in \d+\.\d+ s\nthreads: 4 of 4 tasks ok in \d+\.\d+ s\nprocesses: 4 of 4 tasks ok in \d+\.\d+ s\n\nTimeline:/);
		expect(run.stdout).toContain('Async · one event loop');
		expect(run.stdout).toContain('Many-thread · worker pool');
		expect(run.stdout).toContain('Multicore · process pool');
		expect(run.stdout).toMatch(/event loop pid \d+ tid \d+ +│[█▓·]+│ 4 tasks, 1 at a time/);
		expect(run.stdout).toMatch(/^engine +elapsed +speedup +parallelism/m);
		// Async is the baseline (1.00×); an engine other programs skewed is marked (!).
		expect(run.stdout).toMatch(/^async!? +\d+\.\d+ s +1\.00×/m);
		expect(run.stdout).toMatch(/^Verdict: .+/m);
		// One elapsed per engine: the streamed line says what the table says.
		for (const engine of ['async', 'threads', 'processes']) {
			const streamed = new RegExp(`^${engine}: 4 of 4 tasks ok in (\\d+\\.\\d+) s$`, 'm').exec(run.stdout)?.[1];
			const table = new RegExp(`^${engine}!? +(\\d+\\.\\d+) s `, 'm').exec(run.stdout)?.[1];
			expect(streamed, engine).toBe(table);
		}
		expect(run.stdout).not.toContain('\u001B[');
	});

	it('lists failed tasks with their message and exits 1', async () => {
		const run = await runCli(['--task', fixture('throwing-task.mjs'), '-n', '3', '-e', 'async']);
		expect(run.code).toBe(1);
		expect(run.stdout).toContain('async: 2 of 3 tasks ok in');
		expect(run.stdout).toContain('Failed tasks (1):');
		expect(run.stdout).toContain('async task 2: Error: task 2 broke on purpose');
	});
});

