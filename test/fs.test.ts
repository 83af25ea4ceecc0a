// -w fs: real file writes, fsync and reads in a temporary folder of the run. Every step runs on
// libuv's thread pool, so async's file I/O is limited by that pool's threads, not by its loop.
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import {expectUnlessSkewed} from './helpers/busy-machine.js';
import {descendantsOf, stillAlive, waitFor} from './helpers/process-tree.js';
import {cliPath, runJson, userEnv} from './helpers/run-cli.js';

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
