// The fault matrix: a user's task module that misbehaves, on every engine where the misbehaviour
// means something. Each case runs the built CLI headless with --json and asserts the exit code,
// every task recorded (ok, or failed with the reason expected), nothing left running (orphans
// included), and a bound on the time: a hang detector, not a timer.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import {runMarked as runMarkedWithin} from './helpers/run-marked.js';

type EngineCase = 'async' | 'threads' | 'processes' | 'spawn';
const engineArgs: Record<EngineCase, readonly string[]> = {
	async: ['-e', 'async'],
	threads: ['-e', 'threads'],
	processes: ['-e', 'processes'],
	spawn: ['-e', 'threads', '--threads', 'spawn'],
};

/** Far beyond any run here (each takes about 0.5 s): reaching it means concur-tui hung. */
const hangMs = 30_000;
const tasks = 4;
const folder = mkdtempSync(join(tmpdir(), 'concur-fault-'));

function moduleFile(name: string, source: string): string {
	const path = join(folder, `${name}.mjs`);
	writeFileSync(path, source);
	return path;
}

const runMarked = async (args: readonly string[]) => runMarkedWithin(args, hangMs);

type Fault = {
	readonly name: string;
	readonly source: string;
	/** The reason every task fails with, per engine where the case applies; null: every task ends well. */
	readonly reasons: Partial<Record<EngineCase, RegExp | null>>;
	readonly args?: readonly string[];
};

const hostDied = (how: string) => new RegExp(`^not finished: engine host ${how}`);
const faults: readonly Fault[] = [
	{
		name: 'process.exit(0) in the task',
		source: 'export default () => { process.exit(0); };',
		reasons: {async: hostDied('exited with code 0'), threads: /^exited with code 0$/, processes: /^exited with code 0$/, spawn: /^thread exited with code 0$/},
	},
	{
		name: 'process.exit(1) in the task',
		source: 'export default () => { process.exit(1); };',
		reasons: {async: hostDied('exited with code 1'), threads: /^exited with code 1$/, processes: /^exited with code 1$/, spawn: /^thread exited with code 1$/},
	},
	{
		name: 'SIGKILL of its own process',
		source: "export default () => { process.kill(process.pid, 'SIGKILL'); };",
		// A thread's process is the engine host: the whole engine goes.
		reasons: {async: hostDied('killed by SIGKILL'), threads: hostDied('killed by SIGKILL'), processes: /^killed by SIGKILL$/, spawn: hostDied('killed by SIGKILL')},
	},
	{
		name: 'an uncaught throw in a timer',
		source: "export default () => new Promise(() => { setTimeout(() => { throw new Error('boom in a timer'); }, 10); });",
		reasons: {
			async: hostDied('exited with code 1: Error: boom in a timer'),
			threads: /^the thread crashed: Error: boom in a timer$/,
			// The process unit says its error on its channel as it dies, as a thread's is given.
			processes: /^the process crashed: Error: boom in a timer$/,
			spawn: /^Error: boom in a timer$/,
		},
	},
	{
		name: 'an unhandled rejection in a timer',
		source: "export default () => new Promise(() => { setTimeout(() => { Promise.reject(new Error('rejected in a timer')); }, 10); });",
		reasons: {
			async: hostDied('exited with code 1: Error: rejected in a timer'),
			threads: /^the thread crashed: Error: rejected in a timer$/,
			processes: /^the process crashed: Error: rejected in a timer$/,
			spawn: /^Error: rejected in a timer$/,
		},
	},
	{
		name: 'process.abort() in the task',
		source: 'export default () => { process.abort(); };',
		// No heap limit: concur-tui does not claim it ran out of memory. Node refuses it in a worker thread.
		reasons: {
			async: hostDied('killed by SIGABRT$'),
			threads: /^TypeError: process\.abort\(\) is not supported in workers$/,
			processes: /^killed by SIGABRT: it aborted \(process\.abort\(\), a native crash, or a full heap\)$/,
			spawn: /^TypeError: process\.abort\(\) is not supported in workers$/,
		},
	},
	{
		name: 'out of memory',
		source: 'export default () => { const kept = []; for (;;) kept.push(new Array(1e5).fill(1)); };',
		args: ['--heap-limit', '32'],
		reasons: {
			async: /^not finished: out of memory: the engine's process reached its heap limit \(32 MB\)/,
			threads: /^out of memory: the thread reached its heap limit \(32 MB\)/,
			processes: /^out of memory: the process reached its heap limit \(32 MB\)/,
			spawn: /^out of memory: the thread reached its heap limit \(32 MB\)/,
		},
	},
	{
		name: 'process.disconnect() in a process unit',
		source: 'export default async () => { process.disconnect(); await new Promise((resolve) => setTimeout(resolve, 300)); };',
		reasons: {processes: /^exited with code \d+$/},
	},
	{
		name: 'killing its parent (the engine host) while the others spin',
		source: "export default async (input) => { if (input.index === 0) { await new Promise((r) => setTimeout(r, 200)); process.kill(process.ppid, 'SIGKILL'); } for (;;) {} };",
		// Only a process unit's parent is the engine host; elsewhere it is concur-tui itself.
		reasons: {processes: hostDied('killed by SIGKILL')},
	},
	{
		name: 'a promise that never settles, with nothing left to wait for',
		source: 'export default () => new Promise(() => {});',
		// A thread spawned for the task ends by itself (exit code 13); pooled units would wait
		// for --timeout (test/limits.test.ts).
		reasons: {spawn: /^the task's promise never settled and its thread had nothing left to wait for \(exit code 13\)$/},
	},
	{
		name: 'throw Object.create(null)',
		source: 'export default () => { throw Object.create(null); };',
		reasons: {async: /^threw \[Object: null prototype\] \{\}$/, threads: /^threw \[Object: null prototype\] \{\}$/, processes: /^threw \[Object: null prototype\] \{\}$/, spawn: /^threw \[Object: null prototype\] \{\}$/},
	},
	{
		name: 'throw {}',
		source: 'export default () => { throw {}; };',
		reasons: {async: /^threw \{\}$/, threads: /^threw \{\}$/, processes: /^threw \{\}$/, spawn: /^threw \{\}$/},
	},
	{
		name: 'throw undefined',
		source: 'export default () => { throw undefined; };',
		reasons: {async: /^threw undefined$/, threads: /^threw undefined$/, processes: /^threw undefined$/, spawn: /^threw undefined$/},
	},
	{
		name: "a message of its own on the async host's IPC channel",
		source: "export default async () => { process.send?.({type: 'failed', message: 'not the host'}); process.send?.({type: 'done', measurements: {}}); await new Promise((r) => setTimeout(r, 50)); return 1; };",
		reasons: {async: null},
	},
];

const matrix = faults.flatMap((fault) =>
	(Object.entries(fault.reasons) as Array<[EngineCase, RegExp | null]>).map(([engine, reason]) => ({fault, engine, reason})),
);

describe.runIf(process.platform === 'linux')('the fault matrix: a misbehaving task module', () => {
	it.each(matrix.map((entry) => [entry.fault.name, entry.engine, entry] as const))(
		'%s, on %s: bounded, every task recorded with its reason, nothing left',
		async (_name, engine, {fault, reason}) => {
			const path = moduleFile(`${engine}-${fault.name.replaceAll(/\W+/g, '-')}`, fault.source);
			const run = await runMarked(['--task', path, '-n', String(tasks), '-p', '2', ...engineArgs[engine], ...(fault.args ?? []), '--json']);
			expect(run.ms, 'hung').toBeLessThan(hangMs);
			expect(run.leftover, 'processes left running').toEqual([]);
			expect(run.stderr).toBe('');
			const result = JSON.parse(run.stdout) as RunResult;
			const [measured] = result.engines;
			expect(measured!.tasks).toHaveLength(tasks);
			const failed = measured!.tasks.filter((task) => !task.ok);
			if (reason === null) {
				expect(failed).toEqual([]);
				expect(run.code).toBe(0);
				return;
			}

			expect(run.code).toBe(1);
			expect(failed).toHaveLength(tasks);
			for (const task of failed) expect(task.error).toMatch(reason);
		},
	);

	// SIGSTOP holds every thread of the process it stops: on async, threads and spawned threads
	// that is the engine host, whose own timeouts then cannot fire; concur-tui stops it from outside.
	const stoppedHost = /(^timed out after 500 ms; |^not finished: )the engine's process was stopped \(SIGSTOP, or a debugger\)/;
	it.each([
		['async', stoppedHost],
		['threads', stoppedHost],
		['spawn', stoppedHost],
		['processes', /^timed out after 500 ms; its process was stopped and replaced$/],
	] as const)('a task that stops its own process (SIGSTOP) with --timeout 500, on %s: bounded, recorded, nothing left', async (engine, reason) => {
		const source = "export default async (input) => { if (input.index === 0) process.kill(process.pid, 'SIGSTOP'); await new Promise((r) => setTimeout(r, 50)); };";
		const path = moduleFile(`${engine}-sigstop`, source);
		const run = await runMarked(['--task', path, '-n', String(tasks), '-p', '2', ...engineArgs[engine], '--timeout', '500', '--json']);
		expect(run.ms, 'hung').toBeLessThan(hangMs);
		expect(run.leftover, 'processes left running').toEqual([]);
		expect(run.code).toBe(1);
		const [measured] = (JSON.parse(run.stdout) as RunResult).engines;
		expect(measured!.tasks).toHaveLength(tasks);
		const stopped = measured!.tasks.find((task) => task.id === 0)!;
		expect(stopped.ok).toBe(false);
		expect(stopped.error).toMatch(reason);
		// Only a process unit stops alone: its pool replaces it and the others end well.
		const others = measured!.tasks.filter((task) => task.id !== 0);
		if (engine === 'processes') expect(others.every((task) => task.ok)).toBe(true);
		else for (const task of others) expect(task.error).toMatch(reason);
	});

	it.concurrent.each([
		['a top-level await that never settles', 'await new Promise(() => {});\nexport default () => 1;'],
		['an endless loop at import', 'for (;;) {}\nexport default () => 1;'],
	])('%s: given up after 10 s with one line, exit 2, nothing left', async (name, source) => {
		const run = await runMarked(['--task', moduleFile(name.replaceAll(/\W+/g, '-'), source), '--json']);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(/^concur-tui: .*its import did not finish within 10 s .*\n$/);
		expect(run.stderr.split('\n')).toHaveLength(2);
		expect(run.ms).toBeGreaterThan(9000);
		expect(run.ms).toBeLessThan(hangMs);
		expect(run.leftover).toEqual([]);
	});

	it.each(['threads', 'processes'] as const)(
		'units that die at import on %s: the pool gives up after 8 deaths in a row and fails the rest with why',
		async (engine) => {
			// Loads well in the host that checks it, then ends every unit as it starts.
			const source = "import {isMainThread} from 'node:worker_threads';\nif (!isMainThread || process.argv[1]?.endsWith('worker.js')) process.exit(1);\nexport default () => 1;";
			const run = await runMarked(['--task', moduleFile(`${engine}-exit-in-every-unit`, source), '-n', '40', '-p', '2', ...engineArgs[engine], '--json']);
			expect(run.code).toBe(1);
			expect(run.leftover).toEqual([]);
			const [measured] = (JSON.parse(run.stdout) as RunResult).engines;
			expect(measured!.tasks).toHaveLength(40);
			const reasons = measured!.tasks.map((task) => task.error ?? '');
			// A unit may also die idle; the task handed to it then goes to the next one.
			const stopped = /^not finished: 8 units in a row died before finishing a task \(the last: (exited with code 1|exited before a task reached it)\), so the engine stopped$/;
			expect(reasons.filter((reason) => reason === 'exited with code 1').length).toBeGreaterThan(0);
			expect(reasons.filter((reason) => stopped.test(reason)).length).toBeGreaterThan(20);
			expect(reasons.every((reason) => reason === 'exited with code 1' || stopped.test(reason))).toBe(true);
		},
	);

	it('process.exit at import is bad input: one line, exit 2, nothing left', async () => {
		const run = await runMarked(['--task', moduleFile('exit-at-import', 'process.exit(1);\nexport default () => 1;'), '--json']);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(/^concur-tui: task module .* ended its process while loading: engine host exited with code 1\n$/);
		expect(run.leftover).toEqual([]);
	});
});
