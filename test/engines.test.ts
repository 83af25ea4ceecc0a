// The three engines, run for real through the built CLI (npm test builds first).
import {availableParallelism, tmpdir} from 'node:os';
import {beforeAll, describe, expect, it} from 'vitest';
import type {RunResult, TaskRecord} from '../source/model/result-types.js';
import {expectUnlessSkewed} from './helpers/busy-machine.js';
import {engineOf, fixture, runCli, runJson} from './helpers/run-cli.js';

const duration = (task: TaskRecord) => (task.endMs ?? 0) - (task.startMs ?? 0);
const distinct = <T>(values: T[]) => new Set(values).size;

describe('async engine', () => {
	it('overlaps sleep tasks in one lane: all of them take about one task', async () => {
		const {result} = await runJson(['-w', 'sleep', '-n', '6', '--task-ms', '400', '-e', 'async']);
		const engine = engineOf(result, 'async');
		expect(engine.lanes).toHaveLength(1);
		expect(engine.tasks.every((task) => task.lane === 0 && task.ok)).toBe(true);
		expect(engine.elapsedMs).toBeLessThan(400 * 1.5);
		const busy = engine.tasks.reduce((sum, task) => sum + duration(task), 0);
		expect(busy / engine.elapsedMs).toBeGreaterThan(4);
		expect(engine.parallelism).toBeLessThan(0.5);
	});

	it('serializes cpu tasks on one thread: a staircase, and a blocked event loop', async () => {
		const {result} = await runJson(['-w', 'cpu', '-n', '4', '--task-ms', '150', '-e', 'async']);
		const engine = engineOf(result, 'async');
		expect(distinct(engine.tasks.map((task) => task.tid))).toBe(1);
		const byStart = [...engine.tasks].sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
		for (let i = 1; i < byStart.length; i++) {
			expect(byStart[i]!.startMs!).toBeGreaterThanOrEqual(byStart[i - 1]!.endMs! - 1);
		}

		const busy = engine.tasks.reduce((sum, task) => sum + duration(task), 0);
		expect(engine.elapsedMs).toBeGreaterThan(busy * 0.95);
		expect(engine.loopLagMaxMs).toBeGreaterThan(150 * 0.5);
		expect(engine.parallelism).toBeLessThan(1.3);
	});

	it('uses more than one core for hash: async can use threads internally (libuv)', async () => {
		const {result} = await runJson(['-w', 'hash', '-n', '4', '--task-ms', '250', '-e', 'async']);
		const engine = engineOf(result, 'async');
		expect(engine.lanes).toHaveLength(1);
		expectUnlessSkewed(result, ['async'], () => {
			expect(engine.parallelism).toBeGreaterThan(1.2);
		});
	});
});

describe('cpu workload on all three engines, in one run', () => {
	let result: RunResult;
	beforeAll(async () => {
		({result} = await runJson(['-w', 'cpu', '-n', '8', '--task-ms', '150', '-p', '2']));
	});

	it('runs threads as several tids in one process', () => {
		const threads = engineOf(result, 'threads');
		expect(distinct(threads.tasks.map((task) => task.pid))).toBe(1);
		expect(distinct(threads.tasks.map((task) => task.tid))).toBe(2);
		expect(threads.lanes.map((lane) => lane.pid)).not.toContain(engineOf(result, 'async').lanes[0]!.pid);
	});

	it('runs processes as several pids', () => {
		const processes = engineOf(result, 'processes');
		expect(distinct(processes.tasks.map((task) => task.pid))).toBe(2);
		expect(processes.lanes).toHaveLength(2);
	});

	it('makes threads and processes beat async by a clear ratio', () => {
		const asyncMs = engineOf(result, 'async').elapsedMs;
		expectUnlessSkewed(result, ['async', 'threads', 'processes'], () => {
			expect(asyncMs / engineOf(result, 'threads').elapsedMs).toBeGreaterThan(1.4);
			expect(asyncMs / engineOf(result, 'processes').elapsedMs).toBeGreaterThan(1.4);
			expect(engineOf(result, 'threads').parallelism).toBeGreaterThan(1.4);
			expect(engineOf(result, 'processes').parallelism).toBeGreaterThan(1.4);
			// Both pools beat async; between them it is usually a tie for first.
			expect(result.verdict).toMatch(/^(threads|processes) (won|and (threads|processes) tied for first)/);
		});
	});

	it('measures start-up, memory and cores for every engine', () => {
		for (const engine of result.engines) {
			expect(engine.complete).toBe(true);
			expect(engine.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
			expect(engine.coresUsed).not.toBeNull();
		}

		expect(engineOf(result, 'processes').startupMs).toBeGreaterThan(0);
		// Each process has a heap of its own; threads share one process.
		expect(engineOf(result, 'processes').peakRssBytes).toBeGreaterThan(engineOf(result, 'threads').peakRssBytes);
		expect(engineOf(result, 'processes').coresUsed).toBeGreaterThanOrEqual(engineOf(result, 'async').coresUsed!);
	});
});

describe('failures and user modules', () => {
	it('records a throwing task and lets the others finish, in every engine', async () => {
		const {run, result} = await runJson(['--task', fixture('throwing-task.mjs'), '-n', '5', '-p', '2']);
		expect(run.code).toBe(1);
		for (const engine of result.engines) {
			const failed = engine.tasks.filter((task) => !task.ok);
			expect(failed.map((task) => task.id)).toEqual([2]);
			expect(failed[0]!.error).toContain('broke on purpose');
			expect(engine.tasks.filter((task) => task.ok)).toHaveLength(4);
		}
	});

	it('runs a custom module in all three engines', async () => {
		const {run, result} = await runJson(['--task', fixture('custom-task.mjs'), '-n', '4', '-p', '2']);
		expect(run.code).toBe(0);
		expect(result.config.workload).toBe('module');
		expect(result.engines.map((engine) => engine.engine)).toEqual(['async', 'threads', 'processes']);
		for (const engine of result.engines) {
			expect(engine.tasks.every((task) => task.ok && task.endMs !== null)).toBe(true);
		}
	});

	it('gives each task of a module --task-arg\'s JSON as its input, its index in the context, on every engine', async () => {
		const {run, result} = await runJson(['--task', fixture('task-arg-task.mjs'), '-n', '2', '--task-arg', '{"url":"http://127.0.0.1:9/","n":3}']);
		expect(run.code).toBe(1);
		for (const engine of result.engines) {
			expect(engine.tasks.map((task) => task.error), engine.engine).toEqual([0, 1].map((index) => `Error: {"input":{"url":"http://127.0.0.1:9/","n":3},"index":${index}}`));
		}

		expect(result.config.taskArg).toBe('{"url":"http://127.0.0.1:9/","n":3}');
		// Without it, the input is the task's index and size, as before.
		const plain = await runJson(['--task', fixture('task-arg-task.mjs'), '-n', '1', '-e', 'async', '--task-ms', '50']);
		expect(plain.result.engines[0]!.tasks[0]!.error).toBe('Error: {"input":{"index":0,"taskMs":50},"index":0}');
	});

	it('runs a TypeScript module where Node strips types, and says which Node it needs where it does not', async () => {
		if ((process.features as {typescript?: unknown}).typescript) {
			const {run, result} = await runJson(['--task', fixture('typed-task.ts'), '-n', '4']);
			expect(run.code, run.stderr).toBe(0);
			// Nothing on stderr: no V8 complaint about a flag this Node's V8 does not know, no type-stripping warning.
			expect(run.stderr).toBe('');
			for (const engine of result.engines) expect(engine.tasks.every((task) => task.ok), engine.engine).toBe(true);
			// One with a syntax error is bad input: one line naming the module and the error, exit 2.
			const broken = await runCli(['--task', fixture('typed-syntax-error.ts'), '-n', '2']);
			expect(broken.code).toBe(2);
			expect(broken.stdout).toBe('');
			expect(broken.stderr).toMatch(/^concur-tui: task module \S+typed-syntax-error\.ts failed to load: SyntaxError: [^\n]+\n$/);
		} else {
			const run = await runCli(['--task', fixture('typed-task.ts'), '-n', '4']);
			expect(run.code).toBe(2);
			expect(run.stderr).toMatch(new RegExp(`^concur-tui: --task: .*typed-task\\.ts is TypeScript, which this Node \\(${process.version.replaceAll('.', '\\.')}\\) cannot run: Node 22\\.18 or later strips its types \\(or compile it to \\.mjs\\)\n$`));
		}
	});

	it('runs the shipped examples by name from any folder, each telling its lesson', async () => {
		const elsewhere = {cwd: tmpdir()};
		const cpu = await runJson(['--task', 'example:fibonacci', '-n', '4', '-p', '2'], elsewhere);
		expect(cpu.run.code).toBe(0);
		expectUnlessSkewed(cpu.result, ['async', 'threads', 'processes'], () => {
			expect(cpu.result.verdict).toMatch(/^(threads|processes) (won|and (threads|processes) tied for first) .*CPU-bound work needs cores/);
		});
		const io = await runJson(['--task', 'example:io', '-n', '8', '-p', '2'], elsewhere);
		expectUnlessSkewed(io.result, ['async', 'threads', 'processes'], () => {
			expect(io.result.verdict).toMatch(/^async won .*the tasks mostly wait/);
		});
	});
});

describe('strategies and modes', () => {
	it('spawns a new thread per task with --threads spawn, and shows its start-up cost', async () => {
		const {result} = await runJson(['-w', 'sleep', '-n', '4', '--task-ms', '100', '-p', '2', '-e', 'threads', '--threads', 'spawn']);
		const threads = engineOf(result, 'threads');
		expect(distinct(threads.tasks.map((task) => task.tid))).toBe(4);
		expect(threads.lanes).toHaveLength(2);
		for (const task of threads.tasks) expect(task.runStartMs!).toBeGreaterThan(task.startMs!);
		// The report names the strategy and gives the start-up per task, not a pool's 0 ms.
		const report = await runCli(['-w', 'sleep', '-n', '4', '--task-ms', '100', '-p', '2', '-e', 'threads', '--threads', 'spawn']);
		expect(report.stdout).toContain('Many-thread · a thread per task');
		expect(report.stdout).toMatch(/\d+\.\d ms\/task|\d+ ms\/task/);
	});

	it('a pool larger than the tasks: threads and processes open the same lanes, and the report says why most are idle', async () => {
		const {result} = await runJson(['-w', 'sleep', '-n', '4', '--task-ms', '50', '-p', '8', '-e', 'threads,processes']);
		expect(engineOf(result, 'threads').lanes).toHaveLength(8);
		expect(engineOf(result, 'processes').lanes).toHaveLength(8);
		const report = await runCli(['-w', 'sleep', '-n', '4', '--task-ms', '50', '-p', '8', '-e', 'threads,processes']);
		expect(report.stdout).toContain('4 idle lanes: the pool has 8 threads for 4 tasks');
		expect(report.stdout).toContain('4 idle lanes: the pool has 8 processes for 4 tasks');
	});

	it('marks engines contended when they race for fewer cores than they want', async () => {
		// A pool of as many units as there are cores, on each pool engine, and async besides: more
		// threads want a core than there are cores, whatever the machine.
		const cores = availableParallelism();
		const {result} = await runJson(['-w', 'cpu', '-n', String(2 * cores), '--task-ms', '100', '-p', String(cores), '--mode', 'race']);
		expect(result.config.mode).toBe('race');
		expect(result.engines.every((engine) => engine.contended)).toBe(true);
	});

	it('does not mark sleeping engines contended', async () => {
		const {result} = await runJson(['-w', 'sleep', '-n', '4', '--task-ms', '100', '-p', '2', '--mode', 'race']);
		expect(result.engines.some((engine) => engine.contended)).toBe(false);
	});

	it('mirrors the seed with --preset seed-io: three 2 s waits take about 2 s on every model', async () => {
		const {result} = await runJson(['--preset', 'seed-io']);
		expect(result.config).toMatchObject({workload: 'sleep', tasks: 3, taskMs: 2000, pool: 3, threads: 'spawn'});
		for (const engine of result.engines) {
			expect(engine.elapsedMs).toBeGreaterThan(2000 * 0.95);
			expect(engine.elapsedMs).toBeLessThan(2000 * 1.3);
		}
	});
});
