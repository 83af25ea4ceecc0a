// -w net: real HTTP requests to a delay server in a process of its own. Waiting on sockets, async
// keeps every request in flight at once; a pool waits on one per unit.
import {createServer, type Server} from 'node:net';
import {readFileSync} from 'node:fs';
import {spawn} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import {expectUnlessSkewed} from './helpers/busy-machine.js';
import {descendantsOf, stillAlive} from './helpers/process-tree.js';
import {cliPath, engineOf, runCli, runJson, userEnv} from './helpers/run-cli.js';
import {PtyScreen} from './helpers/pty-screen.js';

/** The delay server among a process's descendants, by its command line. */
function delayServerOf(root: number): number | undefined {
	return descendantsOf(root).find((pid) => {
		try {
			return readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('delay-server.js');
		} catch {
			return false;
		}
	});
}

async function waitFor<T>(find: () => T | undefined, limitMs: number): Promise<T> {
	const deadline = Date.now() + limitMs;
	for (;;) {
		const found = find();
		if (found !== undefined) return found;
		if (Date.now() > deadline) throw new Error(`not found within ${limitMs} ms`);
		// eslint-disable-next-line no-await-in-loop -- polling /proc
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

async function gone(pid: number, limitMs: number): Promise<boolean> {
	const deadline = Date.now() + limitMs;
	while (stillAlive([pid]).length > 0) {
		if (Date.now() > deadline) return false;
		// eslint-disable-next-line no-await-in-loop -- polling /proc
		await new Promise((resolve) => setTimeout(resolve, 20));
	}

	return true;
}

describe('-w net', () => {
	const tasks = 40;
	const delayMs = 100;
	const pool = 2;
	let result: RunResult;

	beforeAll(async () => {
		const {run, result: parsed} = await runJson(['-w', 'net', '-n', String(tasks), '--task-ms', String(delayMs), '-p', String(pool)]);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stderr).toBe('');
		result = parsed;
	}, 60_000);

	it('async finishes every request in about one delay; each pool in tasks ÷ pool delays', () => {
		expectUnlessSkewed(result, ['async', 'threads', 'processes'], () => {
			// About one delay (1.13-1.20× here, quiet; its 40 connections opened before, as its
			// start-up): within the 1.5×, where one by one it would be 40 delays.
			expect(engineOf(result, 'async').elapsedMs).toBeLessThan(1.5 * delayMs);
			for (const name of ['threads', 'processes'] as const) {
				const ideal = (tasks / pool) * delayMs;
				expect(engineOf(result, name).elapsedMs).toBeGreaterThan(0.85 * ideal);
				expect(engineOf(result, name).elapsedMs).toBeLessThan(1.15 * ideal);
			}
		});
	});

	it('opens async\'s connections before its tasks, as its start-up; the server counts only the tasks\' requests', () => {
		const async = engineOf(result, 'async');
		expect(async.startupMs).toBeGreaterThan(0);
		// Opened first: no request of a task waited for a connection of its own to be made.
		expect(Math.max(...async.net!.requests.map((request) => request.queueMs))).toBeLessThan(delayMs / 2);
		expect(async.net!.served).toBe(tasks);
	});

	it('records every request with its time to the server, the server\'s delay and the way back; the server\'s count matches the tasks', () => {
		for (const engine of result.engines) {
			const {net} = engine;
			expect(net, engine.engine).toBeDefined();
			expect(net!.served).toBe(engine.tasks.filter((task) => task.ok).length);
			expect(net!.served).toBe(tasks);
			expect(net!.bytes).toBe(tasks * 1024);
			expect(new Set(net!.requests.map((request) => request.task)).size).toBe(tasks);
			for (const request of net!.requests) {
				// Stamped by two processes on one clock: never more than a fraction of a ms apart.
				expect(request.queueMs).toBeGreaterThan(-1);
				expect(request.serviceMs).toBeGreaterThanOrEqual(delayMs - 1);
				expect(request.serviceMs).toBeLessThan(delayMs + 100);
				expect(request.transferMs).not.toBeNull();
				expect(request.transferMs!).toBeGreaterThan(-1);
			}
		}

		// A pool of 2 sends 2 at a time: its requests never queue behind each other at the server.
		expect(Math.max(...engineOf(result, 'threads').net!.requests.map((request) => request.queueMs))).toBeLessThan(delayMs);
	});

	it('fails every later task with a connection error once the server is gone, and leaves nothing', async () => {
		const child = spawn(process.execPath, [cliPath, '-w', 'net', '-n', '30', '--task-ms', '100', '-p', '1', '-e', 'threads', '--json'], {env: userEnv(), stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		const exited = new Promise<number | null>((resolve) => {
			child.on('close', resolve);
		});
		const server = await waitFor(() => delayServerOf(child.pid!), 10_000);
		// Some requests answered first (a pool of 1 takes 100 ms each).
		await new Promise((resolve) => setTimeout(resolve, 800));
		process.kill(server, 'SIGKILL');
		const code = await exited;
		const parsed = JSON.parse(stdout) as RunResult;
		const threads = engineOf(parsed, 'threads');
		const failed = threads.tasks.filter((task) => !task.ok);
		expect(code).toBe(1);
		expect(threads.tasks.filter((task) => task.ok).length).toBeGreaterThan(0);
		expect(failed.length).toBeGreaterThan(0);
		for (const task of failed) expect(task.error).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up/);
		// Every failure comes after the last success: the server's end ends them all.
		const lastOk = Math.max(...threads.tasks.filter((task) => task.ok).map((task) => task.endMs!));
		expect(Math.min(...failed.map((task) => task.endMs!))).toBeGreaterThanOrEqual(lastOk);
		expect(descendantsOf(child.pid!)).toEqual([]);
	}, 60_000);

	it('stops the server when the run ends', async () => {
		const child = spawn(process.execPath, [cliPath, '-w', 'net', '-n', '8', '--task-ms', '200', '-p', '1', '-e', 'threads', '--json'], {env: userEnv(), stdio: ['ignore', 'ignore', 'ignore']});
		const exited = new Promise<number | null>((resolve) => {
			child.on('close', resolve);
		});
		const server = await waitFor(() => delayServerOf(child.pid!), 10_000);
		expect(await exited).toBe(0);
		expect(await gone(server, 1000)).toBe(true);
	}, 30_000);

	it('takes the server down with concur-tui, even by SIGKILL', async () => {
		const child = spawn(process.execPath, [cliPath, '-w', 'net', '-n', '100', '--task-ms', '200', '-p', '1', '-e', 'processes', '--json'], {env: userEnv(), stdio: ['ignore', 'ignore', 'ignore']});
		const exited = new Promise((resolve) => {
			child.on('close', resolve);
		});
		const server = await waitFor(() => delayServerOf(child.pid!), 10_000);
		child.kill('SIGKILL');
		await exited;
		expect(await gone(server, 5000)).toBe(true);
	}, 30_000);

	it('on the dashboard: the requests\' medians under the result; q mid-run takes the server down', async () => {
		const finished = new PtyScreen(['-w', 'net', '-n', '6', '--task-ms', '100', '-e', 'async,threads', '--exit'], {cols: 120, rows: 40});
		try {
			const text = await finished.waitFor((shown) => shown.includes('Verdict:'), 30_000);
			expect(text).toContain('Delay server on 127.0.0.1: requests answered/sent, and their medians:');
			expect(text).toMatch(/ {2}async +6\/6 \(6 KB\) · out [\d.]+ ms · server 1\d\d ms · back [\d.]+ ms/);
			expect(text).toMatch(/ {2}threads {2}6\/6 \(6 KB\)/);
			expect((await finished.exited).exitCode).toBe(0);
		} finally {
			finished.kill();
		}

		const running = new PtyScreen(['-w', 'net', '-n', '40', '--task-ms', '500', '-p', '1', '-e', 'threads'], {cols: 100, rows: 30});
		try {
			await running.waitFor((shown) => shown.includes('running'), 30_000);
			const server = await waitFor(() => delayServerOf(running.pid), 10_000);
			running.write('q');
			expect((await running.exited).exitCode).toBe(0);
			expect(await gone(server, 2000)).toBe(true);
		} finally {
			running.kill();
		}
	}, 60_000);

	describe('--net-port', () => {
		let busy: Server;
		let busyPort: number;
		beforeAll(async () => {
			busy = createServer();
			await new Promise<void>((resolve) => {
				busy.listen(0, '127.0.0.1', resolve);
			});
			busyPort = (busy.address() as {port: number}).port;
		});
		afterAll(() => {
			busy.close();
		});

		it('a port in use: one line, exit 2, nothing left', async () => {
			const run = await runCli(['-w', 'net', '--net-port', String(busyPort), '-e', 'async', '-n', '2']);
			expect(run.code).toBe(2);
			expect(run.stdout).toBe('');
			expect(run.stderr).toBe(`concur-tui: -w net: the delay server could not listen on 127.0.0.1:${busyPort}: the port is in use\n`);
		});

		it.each([
			[['-w', 'net', '--net-port', '70000'], /^concur-tui: --net-port must be a whole number from 1 to 65535 \(got "70000"\)\n$/],
			[['-w', 'cpu', '--net-port', '8080'], /^concur-tui: --net-port sets the delay server of -w net, and this run's workload is not net\n$/],
		])('bad: %j', async (args, message) => {
			const run = await runCli(args);
			expect(run.code).toBe(2);
			expect(run.stderr).toMatch(message);
		});
	});
});
