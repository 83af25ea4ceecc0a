// An interrupted headless run exits as the signal says and leaves no process behind.
import {spawn} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import pty from 'node-pty';
import type {RunResult} from '../source/result/result-types.js';
import {describe, expect, it} from 'vitest';
import {cliPath, fixture, userEnv} from './helpers/run-cli.js';
import {descendantsOf, stillAlive, waitFor} from './helpers/process-tree.js';

describe.runIf(process.platform === 'linux')('signals during a headless run', () => {
	it.each([
		['SIGINT', 130],
		['SIGTERM', 143],
		['SIGHUP', 129],
	] as const)('%s exits with %i and leaves no child process', async (signal, code) => {
		// Processes racing on busy CPU work: the hardest case for cleanup.
		const child = spawn(process.execPath, [cliPath, '-w', 'cpu', '-n', '40', '--task-ms', '500', '-p', '2', '--mode', 'race', '--json'], {
			env: userEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
		// Wait until both pools' units are up: host processes and their children.
		expect(await waitFor(() => descendantsOf(child.pid!).length >= 5, 10_000)).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 300));
		const tree = descendantsOf(child.pid!);
		const sentAt = Date.now();
		child.kill(signal);
		expect(await exited).toBe(code);
		expect(Date.now() - sentAt).toBeLessThan(1000);
		expect(await waitFor(() => stillAlive(tree).length === 0, 1000)).toBe(true);
	});
});

describe.runIf(process.platform === 'linux')('concur-tui killed without warning', () => {
	it('SIGKILL: every process it started is gone within 1 s, busy ones too', async () => {
		// The async host spins on the CPU for 20 s and cannot notice anything by itself.
		const child = spawn(process.execPath, [cliPath, '-w', 'cpu', '-n', '40', '--task-ms', '500', '-p', '2', '--mode', 'race', '--json'], {
			env: userEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
		expect(await waitFor(() => descendantsOf(child.pid!).length >= 5, 10_000)).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 300));
		const tree = descendantsOf(child.pid!);
		child.kill('SIGKILL');
		expect(await exited).toBe('SIGKILL');
		expect(await waitFor(() => stillAlive(tree).length === 0, 1000)).toBe(true);
	});

	it('out of memory: V8 aborts concur-tui, and every process it started is gone within 1 s', async () => {
		// A 24 MB heap and 100,000 tasks to record: concur-tui runs out of memory a few seconds in,
		// while every engine is busy on the CPU.
		const child = spawn(
			process.execPath,
			['--max-old-space-size=24', cliPath, '-w', 'cpu', '-n', '100000', '--task-ms', '100', '-p', '2', '--mode', 'race', '--json'],
			{env: userEnv(), stdio: ['ignore', 'pipe', 'pipe']},
		);
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
		const seen = new Set<number>();
		const watching = setInterval(() => {
			for (const pid of descendantsOf(child.pid!)) seen.add(pid);
		}, 50);
		try {
			expect(await waitFor(() => seen.size >= 5, 10_000)).toBe(true);
			expect(await exited).toBe('SIGABRT');
		} finally {
			clearInterval(watching);
		}

		expect(stderr).toContain('JavaScript heap out of memory');
		expect(await waitFor(() => stillAlive([...seen]).length === 0, 1000)).toBe(true);
	});
});

describe.runIf(process.platform === 'linux')('an SSH hang-up', () => {
	it.each([
		// exec: concur-tui takes the shell's place, as a login shell's last command would run.
		['in place of the shell', 'exec '],
		// A foreground job: the shell passes the hang-up on.
		['as a job of the shell', ''],
	])('closing the terminal with concur-tui %s leaves no process behind', async (_how, prefix) => {
		const shell = pty.spawn('/bin/bash', ['--noprofile', '--norc', '-i'], {cols: 80, rows: 24, env: userEnv({TERM: 'xterm-256color'})});
		shell.onData(() => {});
		shell.write(`${prefix}"${process.execPath}" "${cliPath}" -w cpu -n 40 --task-ms 500 -p 2 --mode race\r`);
		expect(await waitFor(() => descendantsOf(shell.pid).length >= 5, 10_000)).toBe(true);
		const tree = [shell.pid, ...descendantsOf(shell.pid)];
		// Close the terminal itself (the pty master), as a dropped SSH connection does.
		(shell as unknown as {destroy: () => void}).destroy();
		expect(await waitFor(() => stillAlive(tree).length === 0, 1000)).toBe(true);
	});
});

describe.runIf(process.platform === 'linux')('an interrupted run', () => {
	it('still writes its exports, marked incomplete, and exits as the signal says within 1 s', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'concur-partial-'));
		const save = join(folder, 'result.json');
		const trace = join(folder, 'run.trace.json');
		const child = spawn(process.execPath, [cliPath, '-w', 'sleep', '-n', '6', '--task-ms', '3000', '-p', '2', '--save', save, '--trace', trace], {
			env: userEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
		expect(await waitFor(() => descendantsOf(child.pid!).length >= 2, 10_000)).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 800));
		const sentAt = Date.now();
		child.kill('SIGINT');
		expect(await exited).toBe(130);
		expect(Date.now() - sentAt).toBeLessThan(1000);
		const result = JSON.parse(readFileSync(save, 'utf8')) as RunResult;
		expect(result.complete).toBe(false);
		expect(result.engines.some((engine) => !engine.complete)).toBe(true);
		expect(JSON.parse(readFileSync(trace, 'utf8'))).toHaveProperty('traceEvents');
		expect(readdirSync(folder).sort()).toEqual(['result.json', 'run.trace.json']);
	});

	it('q in the dashboard mid-run exports the partial run too', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'concur-partial-'));
		const save = join(folder, 'result.json');
		const terminal = pty.spawn(process.execPath, [cliPath, '-w', 'sleep', '-n', '4', '--task-ms', '3000', '-p', '2', '--save', save], {
			cols: 80,
			rows: 24,
			env: userEnv({TERM: 'xterm-256color'}),
		});
		let text = '';
		terminal.onData((data) => (text += data));
		const exited = new Promise<number>((resolve) => terminal.onExit(({exitCode}) => resolve(exitCode)));
		expect(await waitFor(() => text.includes('Async · one event loop') && descendantsOf(terminal.pid).length >= 2, 10_000)).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 500));
		terminal.write('q');
		expect(await exited).toBe(0);
		const result = JSON.parse(readFileSync(save, 'utf8')) as RunResult;
		expect(result.complete).toBe(false);
	});
});

describe.runIf(process.platform === 'linux')('a task module that will not die', () => {
	it.each(['SIGHUP', 'SIGKILL'] as const)('leaves no process behind when concur-tui gets %s', async (signal) => {
		const child = spawn(process.execPath, [cliPath, '--task', fixture('stubborn-task.mjs'), '-n', '4', '--task-ms', '20000', '-p', '2', '--mode', 'race', '--json'], {
			env: userEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
		expect(await waitFor(() => descendantsOf(child.pid!).length >= 5, 10_000)).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 500));
		const tree = descendantsOf(child.pid!);
		child.kill(signal);
		await exited;
		expect(await waitFor(() => stillAlive(tree).length === 0, 1000)).toBe(true);
	});
});
