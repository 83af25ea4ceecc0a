// A unit that dies under a task: the task is recorded with the reason, the others finish.
import {spawn} from 'node:child_process';
import {mkdtempSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import {waitFor} from './helpers/process-tree.js';
import {cliPath, engineOf, fixture, runJson, userEnv} from './helpers/run-cli.js';

describe('a task that calls process.exit(1)', () => {
	it('fails that task with "exited with code 1" on threads and processes; a new unit takes the lane; the rest finish', async () => {
		const {run, result} = await runJson(['--task', fixture('exiting-task.mjs'), '-n', '6', '-p', '2', '-e', 'threads,processes']);
		expect(run.code).toBe(1);
		for (const engine of result.engines) {
			const failed = engine.tasks.filter((task) => !task.ok);
			expect(failed.map((task) => [task.id, task.error])).toEqual([[1, 'exited with code 1']]);
			expect(engine.tasks.filter((task) => task.ok)).toHaveLength(5);
			expect(engine.lanes.length).toBeGreaterThan(2);
		}
	});

	it('takes the whole event loop down on the async engine, and every unfinished task says why', async () => {
		const {run, result} = await runJson(['--task', fixture('exiting-task.mjs'), '-n', '4', '-e', 'async']);
		expect(run.code).toBe(1);
		const async = engineOf(result, 'async');
		expect(async.complete).toBe(false);
		expect(async.error).toBe('engine host exited with code 1');
		for (const task of async.tasks) expect(task.error).toBe('not finished: engine host exited with code 1');
	});
});

describe.runIf(process.platform === 'linux')('a pool process killed from outside', () => {
	it('fails its task with "killed by SIGKILL" and the others finish', async () => {
		const markers = mkdtempSync(join(tmpdir(), 'concur-markers-'));
		const child = spawn(process.execPath, [cliPath, '--task', fixture('announcing-task.mjs'), '-n', '4', '-p', '2', '-e', 'processes', '--json'], {
			env: userEnv({CONCUR_TEST_MARKERS: markers}),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
		const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
		// A unit has started a task (it says so itself, from inside the task): kill it mid-task.
		const started = () => readdirSync(markers).filter((name) => name.startsWith('started-'));
		expect(await waitFor(() => started().length > 0, 10_000)).toBe(true);
		const victim = Number(started()[0]!.split('-')[2]);
		process.kill(victim, 'SIGKILL');
		expect(await exited).toBe(1);
		const result = JSON.parse(out) as RunResult;
		const processes = engineOf(result, 'processes');
		const failed = processes.tasks.filter((task) => !task.ok);
		expect(failed.map((task) => task.error)).toEqual(['killed by SIGKILL']);
		expect(failed[0]!.pid).toBe(victim);
		expect(processes.tasks.filter((task) => task.ok)).toHaveLength(3);
	});
});
