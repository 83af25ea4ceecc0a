// --timeout and --heap-limit: a task that never ends or eats all memory fails with the reason,
// its unit is stopped and replaced, and the other tasks finish.
import {describe, expect, it} from 'vitest';
import type {EngineResult} from '../source/model/result-types.js';
import {descendantsOf, stillAlive, waitFor} from './helpers/process-tree.js';
import {PtyScreen} from './helpers/pty-screen.js';
import {engineOf, fixture, runJson} from './helpers/run-cli.js';

const timeoutMs = 300;

function taskOf(engine: EngineResult, id: number) {
	const task = engine.tasks.find((candidate) => candidate.id === id);
	if (!task) throw new Error(`no task ${id} in ${engine.engine}`);
	return task;
}

describe('a task that never ends, with --timeout', () => {
	it('stops and replaces its thread or process within the timeout plus 1 s; the rest finish', async () => {
		// One unit per pool: the tasks after the stuck one can only run once it is gone.
		const {run, result} = await runJson(['--task', fixture('never-ending-task.mjs'), '-n', '4', '-p', '1', '-e', 'threads,processes', '--timeout', String(timeoutMs)]);
		expect(run.code).toBe(1);
		for (const kind of ['thread', 'process'] as const) {
			const engine = engineOf(result, kind === 'thread' ? 'threads' : 'processes');
			const stuck = taskOf(engine, 1);
			expect(stuck.error).toBe(`timed out after ${timeoutMs} ms; its ${kind} was stopped and replaced`);
			expect(engine.tasks.filter((task) => task.ok).map((task) => task.id)).toEqual([0, 2, 3]);
			const next = taskOf(engine, 2);
			// A new unit took over, and only after the stuck one was gone (in a process, one that
			// ignores SIGTERM: SIGKILL ends it).
			expect(kind === 'thread' ? next.tid : next.pid).not.toBe(kind === 'thread' ? stuck.tid : stuck.pid);
			expect(next.startMs! - stuck.startMs!).toBeLessThan(timeoutMs + 1000);
			expect(stuck.endMs! - stuck.startMs!).toBeGreaterThanOrEqual(timeoutMs - 20);
		}
	});

	it('ends the engine even when the stuck unit is the last one running (a pool of 2)', async () => {
		const {run, result} = await runJson(['--task', fixture('never-ending-task.mjs'), '-n', '4', '-p', '2', '-e', 'processes', '--timeout', String(timeoutMs)]);
		expect(run.code).toBe(1);
		const processes = engineOf(result, 'processes');
		expect(processes.complete).toBe(true);
		expect(taskOf(processes, 1).error).toBe(`timed out after ${timeoutMs} ms; its process was stopped and replaced`);
		expect(processes.tasks.filter((task) => task.ok)).toHaveLength(3);
	});

	it('stops a thread spawned for the task too (--threads spawn)', async () => {
		const {result} = await runJson(['--task', fixture('never-ending-task.mjs'), '-n', '3', '-p', '1', '-e', 'threads', '--threads', 'spawn', '--timeout', String(timeoutMs)]);
		const threads = engineOf(result, 'threads');
		expect(taskOf(threads, 1).error).toBe(`timed out after ${timeoutMs} ms; its thread was stopped`);
		expect(threads.tasks.filter((task) => task.ok).map((task) => task.id)).toEqual([0, 2]);
	});

	it('on async, stops the whole engine once the loop has been blocked past the timeout plus 1 s', async () => {
		const started = performance.now();
		const {run, result} = await runJson(['--task', fixture('never-ending-task.mjs'), '-n', '4', '-e', 'async', '--timeout', String(timeoutMs)]);
		expect(run.code).toBe(1);
		expect(performance.now() - started).toBeLessThan(10_000);
		const async = engineOf(result, 'async');
		expect(async.complete).toBe(false);
		expect(async.error).toMatch(/^the event loop was blocked for \d+ ms, past --timeout 300 ms; async cancellation is cooperative/);
		expect(taskOf(async, 0).ok).toBe(true);
		expect(taskOf(async, 1).error).toBe(`timed out after ${timeoutMs} ms; it kept the event loop busy, so no abort could reach it and the whole engine was stopped`);
		for (const id of [2, 3]) expect(taskOf(async, id).error).toMatch(/^not finished: the event loop was blocked/);
	});

	it('on async, aborts the signal it passed: a task that honours it ends there, the others finish', async () => {
		const {run, result} = await runJson(['--task', fixture('waiting-task.mjs'), '-n', '4', '-e', 'async', '--timeout', String(timeoutMs)]);
		expect(run.code).toBe(1);
		const async = engineOf(result, 'async');
		expect(async.complete).toBe(true);
		const waiting = taskOf(async, 1);
		expect(waiting.error).toBe(`timed out after ${timeoutMs} ms; it stopped on its abort signal`);
		expect(waiting.endMs! - waiting.startMs!).toBeGreaterThanOrEqual(timeoutMs - 20);
		expect(waiting.endMs! - waiting.startMs!).toBeLessThan(timeoutMs * 3);
		expect(async.tasks.filter((task) => task.ok)).toHaveLength(3);
	});
});

describe('a task that runs out of memory, with --heap-limit', () => {
	it('fails with an out-of-memory reason in a thread or a process; the rest finish', async () => {
		const {run, result} = await runJson(['--task', fixture('leaking-task.mjs'), '-n', '4', '-p', '2', '-e', 'threads,processes', '--heap-limit', '32']);
		expect(run.code).toBe(1);
		expect(run.stderr).toBe('');
		expect(taskOf(engineOf(result, 'threads'), 1).error).toBe('out of memory: the thread reached its heap limit (32 MB) and was stopped');
		expect(taskOf(engineOf(result, 'processes'), 1).error).toBe('out of memory: the process reached its heap limit (32 MB) and aborted (SIGABRT)');
		for (const engine of result.engines) {
			expect(engine.complete).toBe(true);
			expect(engine.tasks.filter((task) => task.ok).map((task) => task.id)).toEqual([0, 2, 3]);
		}
	});

	it('takes the one event loop down on async, and says it ran out of memory', async () => {
		const {run, result} = await runJson(['--task', fixture('leaking-task.mjs'), '-n', '4', '-e', 'async', '--heap-limit', '32']);
		expect(run.code).toBe(1);
		const async = engineOf(result, 'async');
		expect(async.error).toBe("out of memory: the engine's process reached its heap limit (32 MB) and aborted");
		expect(taskOf(async, 0).ok).toBe(true);
	});
});

describe.runIf(process.platform === 'linux')('the dashboard when tasks run out of memory or time', () => {
	it('stays up, shows each failure with its reason and what --timeout means on async; q exits 0 and leaves nothing', async () => {
		const screen = new PtyScreen(['--task', fixture('leaking-task.mjs'), '-n', '4', '-p', '2', '--heap-limit', '32', '--timeout', '5000'], {cols: 200, rows: 50});
		try {
			// Side by side at 200 columns, each legend keeps what --timeout means on its engine.
			await screen.waitFor((text) => text.includes('timeout 5000 ms: signal only, cooperative'));
			const tree = descendantsOf(screen.pid);
			const text = await screen.waitFor((t) => t.includes('Verdict:'), 30_000);
			expect(text).toContain('threads #1: out of memory: the thread reached its heap limit (32 MB)');
			expect(text).toContain('processes #1: out of memory: the process reached its heap limit (32 MB)');
			expect(text).toContain("out of memory: the engine's process reached its heap limit (32 MB)");
			expect(text).toContain('late threads stopped');
			// Still drawing, still answering keys.
			screen.write('?');
			await screen.waitFor((t) => t !== text);
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
			expect(await waitFor(() => stillAlive([...tree, ...descendantsOf(screen.pid)]).length === 0, 1000)).toBe(true);
		} finally {
			screen.kill();
		}
	});
});
