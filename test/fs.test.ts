// -w fs: real file writes, fsync and reads in a temporary folder of the run. Every step runs on
// libuv's thread pool, so async's file I/O is limited by that pool's threads, not by its loop.
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import {expectUnlessSkewed} from './helpers/busy-machine.js';
import {descendantsOf, stillAlive, waitFor} from './helpers/process-tree.js';
import {cliPath, runCli, runJson, userEnv} from './helpers/run-cli.js';
import {PtyScreen} from './helpers/pty-screen.js';

/** A TMPDIR of the test's own: what a run leaves in it is what it leaves on a user's disk. */
const temporary = mkdtempSync(join(tmpdir(), 'concur-fs-test-'));
const runFolders = () => readdirSync(temporary).filter((name) => name.startsWith('concur-tui-fs-'));
/** Whether an engine named `engine` has its folder in a run's folder yet (one not in `before`). */
const engineWrites = (engine: string, before: ReadonlySet<string>) =>
	runFolders().some((name) => {
		if (before.has(name)) return false;
		try {
			return readdirSync(join(temporary, name)).some((each) => each.startsWith(engine));
		} catch {
			return false;
		}
	});

afterAll(() => {
	rmSync(temporary, {recursive: true, force: true});
});

/** Rounds of write, fsync and read each task did: the task length over the calibrated time of one. */
const roundsOf = (result: RunResult) => Math.max(1, Math.round(result.config.taskMs * result.config.calibration!.fsRoundsPerMs!));

describe('-w fs', () => {
	it('runs every task on every engine in a folder of its own, measured first, and removes it after', async () => {
		const {run, result} = await runJson(['-w', 'fs', '-n', '6', '--task-ms', '60', '-p', '2'], {env: {TMPDIR: temporary}});
		expect(run.code, run.stderr).toBe(0);
		expect(run.stderr).toBe('');
		expect(result.config.calibration?.fsRoundsPerMs).toBeGreaterThan(0);
		for (const engine of result.engines) {
			expect(engine.tasks.map((task) => task.ok)).toEqual(Array.from({length: 6}, () => true));
		}

		expect(runFolders()).toEqual([]);
	});

	it.each([
		['missing', join(temporary, 'no', 'such')],
		['a file', join(tmpdir(), '..', 'etc', 'hostname')],
	])('a TMPDIR that is %s: one line naming it, exit 2, nothing started', async (_what, folder) => {
		const run = await runCli(['-w', 'fs', '-n', '2'], {env: {TMPDIR: folder}});
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(new RegExp(`^concur-tui: -w fs cannot make a folder in ${folder.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(TMPDIR\\): (ENOENT|ENOTDIR)\n$`));
	});

	it('in the dashboard, w into fs with an unusable TMPDIR: idle, and the news says why', async () => {
		const screen = new PtyScreen(['-w', 'net', '-n', '2', '--task-ms', '50', '-e', 'async'], {cols: 100, rows: 30}, {env: {TMPDIR: '/etc/hostname'}});
		try {
			await screen.waitFor((text) => /Verdict:/.test(text), 20_000);
			screen.write('w');
			const shown = await screen.waitFor((text) => text.includes('could not start: -w fs cannot make a folder in /etc/hostname (TMPDIR): ENOTDIR'), 10_000);
			expect(shown.split('\n')[0]).toMatch(/ idle *$/);
		} finally {
			screen.kill();
		}
	}, 40_000);

	it('removes each task\'s file when it ends, and each engine\'s folder when the engine ends', async () => {
		const before = new Set(runFolders());
		const child = spawn(process.execPath, [cliPath, '-w', 'fs', '-n', '4', '--task-ms', '400', '-p', '1', '-e', 'async,threads', '--json'], {env: userEnv({TMPDIR: temporary}), stdio: ['ignore', 'ignore', 'ignore']});
		const exited = new Promise((resolve) => {
			child.on('close', resolve);
		});
		// While threads runs, async's folder is gone: its files do not fill the disk threads writes to.
		expect(await waitFor(() => engineWrites('threads', before), 20_000)).toBe(true);
		const folder = runFolders().find((name) => !before.has(name))!;
		const entries = readdirSync(join(temporary, folder));
		expect(entries).not.toContain('async-0');
		expect(entries).toContain('threads-0');
		await exited;
	}, 30_000);

	it.each(['SIGKILL', 'SIGTERM'] as const)('leaves no folder and no process when concur-tui is ended by %s mid-run', async (signal) => {
		const before = new Set(runFolders());
		const child = spawn(process.execPath, [cliPath, '-w', 'fs', '-n', '40', '--task-ms', '300', '-p', '1', '-e', 'processes', '--json'], {env: userEnv({TMPDIR: temporary}), stdio: ['ignore', 'ignore', 'ignore']});
		const exited = new Promise((resolve) => {
			child.on('close', resolve);
		});
		// The engine's folder exists once its tasks write: the run is under way.
		expect(await waitFor(() => engineWrites('processes', before), 15_000)).toBe(true);
		const folder = runFolders().find((name) => !before.has(name));
		const tree = descendantsOf(child.pid!);
		child.kill(signal);
		await exited;
		expect(await waitFor(() => !existsSync(join(temporary, folder!)), 5000)).toBe(true);
		expect(await waitFor(() => stillAlive(tree).length === 0, 5000)).toBe(true);
	}, 30_000);

	it('a TMPDIR whose name holds a newline: the reaper still removes the folder after SIGKILL', async () => {
		const odd = join(temporary, 'odd\nname');
		mkdirSync(odd);
		const child = spawn(process.execPath, [cliPath, '-w', 'fs', '-n', '40', '--task-ms', '300', '-p', '1', '-e', 'processes', '--json'], {env: userEnv({TMPDIR: odd}), stdio: ['ignore', 'ignore', 'ignore']});
		const exited = new Promise((resolve) => {
			child.on('close', resolve);
		});
		expect(await waitFor(() => readdirSync(odd).some((name) => name.startsWith('concur-tui-fs-')), 15_000)).toBe(true);
		child.kill('SIGKILL');
		await exited;
		expect(await waitFor(() => readdirSync(odd).length === 0, 5000)).toBe(true);
	}, 30_000);

	it('async\'s file I/O goes as fast as libuv\'s pool: one pool thread (--uv-threads 1) is slower per round than four', async () => {
		const perRound = async (uvThreads: string) => {
			const {run, result} = await runJson(['-w', 'fs', '-n', '8', '--task-ms', '150', '-e', 'async', '--uv-threads', uvThreads], {env: {TMPDIR: temporary}});
			expect(run.code, run.stderr).toBe(0);
			return {result, msPerRound: result.engines[0]!.elapsedMs / (8 * roundsOf(result))};
		};

		// Each run measures its own disk first: compared per round of work, not per run.
		const one = await perRound('1');
		const four = await perRound('4');
		// 0.50 against 0.30 ms a round here.
		expectUnlessSkewed(one.result, ['async'], () => {
			expectUnlessSkewed(four.result, ['async'], () => {
				expect(one.msPerRound).toBeGreaterThan(1.2 * four.msPerRound);
			});
		});
	}, 60_000);
});
