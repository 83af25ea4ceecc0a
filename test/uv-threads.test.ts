// --uv-threads: libuv's thread pool size in every engine process, and what it does to async.
import {describe, expect, it} from 'vitest';
import {engineOf, fixture, runCli, runJson} from './helpers/run-cli.js';

describe('--uv-threads', () => {
	it('reaches every engine\'s processes, units included, and the header says it', async () => {
		const {run, result} = await runJson(['--task', fixture('uv-threads-task.mjs'), '-n', '2', '--uv-threads', '3']);
		expect(run.code).toBe(1);
		for (const engine of result.engines) {
			expect(engine.tasks.map((task) => task.error), engine.engine).toEqual(['Error: UV_THREADPOOL_SIZE=3', 'Error: UV_THREADPOOL_SIZE=3']);
		}

		expect(result.config.uvThreads).toBe(3);
		const plain = await runCli(['--task', fixture('uv-threads-task.mjs'), '-n', '1', '-e', 'async', '--uv-threads', '3']);
		expect(plain.stdout.split('\n')[0]).toContain(' · libuv pool 3 · ');
	});

	it('set in the environment (UV_THREADPOOL_SIZE) instead of the flag, it is shown and recorded the same', async () => {
		const {result} = await runJson(['-w', 'sleep', '-n', '2', '--task-ms', '20', '-e', 'async'], {env: {UV_THREADPOOL_SIZE: '2'}});
		expect(result.config.uvThreads).toBe(2);
		expect(result.engines[0]!.osThreads?.uvThreads ?? 2).toBe(2);
		const plain = await runCli(['-w', 'sleep', '-n', '2', '--task-ms', '20', '-e', 'async'], {env: {UV_THREADPOOL_SIZE: '2'}});
		expect(plain.stdout.split('\n')[0]).toContain(' · libuv pool 2 · ');
	});

	it('one libuv thread: hashing on async uses about one core, the JS thread waiting', async () => {
		const {result} = await runJson(['-w', 'hash', '-e', 'async', '-n', '4', '--task-ms', '300', '--uv-threads', '1']);
		// At most one thread hashes at a time: an upper bound that holds however busy the machine.
		expect(engineOf(result, 'async').parallelism).toBeLessThan(1.15);
	});
});
