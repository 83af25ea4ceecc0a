// --cpus: every engine host and unit pinned to the listed CPUs; threads on one core are concurrent, not parallel.
import {describe, expect, it} from 'vitest';
import {resolveOptions} from '../source/cli/parse-flags.js';
import {cpuList, cpuListText} from '../source/util/cpu-list.js';
import {mostAtOnce} from '../source/result/evidence.js';
import {engineOf, fixture, runCli, runJson} from './helpers/run-cli.js';

describe('--cpus LIST', () => {
	it('reads taskset\'s lists, refuses CPUs the machine lacks, other platforms and a missing taskset', () => {
		const withTaskset = () => true;
		expect(cpuList('0', 2, 'linux', withTaskset)).toEqual([0]);
		expect(cpuList('1,0', 2, 'linux', withTaskset)).toEqual([0, 1]);
		expect(cpuList('0-3,6', 8, 'linux', withTaskset)).toEqual([0, 1, 2, 3, 6]);
		expect(cpuListText([0, 1, 2, 3, 6])).toBe('0-3,6');
		expect(() => cpuList('0-3', 2, 'linux', withTaskset)).toThrow('--cpus: this machine has CPUs 0 to 1 (got 2)');
		expect(() => cpuList('x', 2, 'linux', withTaskset)).toThrow('--cpus must be a list of CPUs such as 0, 0-3 or 0,2 (got "x")');
		expect(() => cpuList('3-1', 8, 'linux', withTaskset)).toThrow('--cpus must be a list');
		expect(() => cpuList('0', 2, 'darwin', withTaskset)).toThrow('--cpus is not supported on this platform (darwin)');
		expect(() => cpuList('0', 2, 'linux', () => false)).toThrow('--cpus needs taskset (util-linux)');
	});

	it.runIf(process.platform === 'linux')('sets the default pool to the pinned count (at least 2, so units take turns on one core), unless --pool is given', () => {
		expect(resolveOptions({cpus: '0'}, [], 2).config).toMatchObject({cpus: [0], pool: 2});
		expect(resolveOptions({}, [], 1).config.pool).toBe(2);
		expect(resolveOptions({cpus: '0-1'}, [], 2).config).toMatchObject({cpus: [0, 1], pool: 2});
		expect(resolveOptions({cpus: '0', pool: '4'}, [], 2).config).toMatchObject({cpus: [0], pool: 4});
		expect(resolveOptions({}, [], 2).config.cpus).toBeNull();
	});

	it.runIf(process.platform === 'linux')('bad lists: one line and exit 2', async () => {
		const run = await runCli(['--cpus', '4096', '-n', '1']);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/^concur-tui: --cpus: this machine has CPUs 0 to \d+ \(got 4096\)\n$/);
	});
});

describe.runIf(process.platform === 'linux')('a run pinned to CPU 0', () => {
	it('runs every engine host and unit (threads and processes) on CPU 0 only, as each task sees from inside', async () => {
		const {run, result} = await runJson(['--task', fixture('affinity-task.mjs'), '--cpus', '0', '-n', '4', '-p', '2'], {env: {CONCUR_EXPECT_CPUS: '0'}});
		expect(run.stderr).toBe('');
		for (const engine of result.engines) expect(engine.tasks.map((task) => task.error)).toEqual([null, null, null, null]);
		expect(run.code).toBe(0);
	});

	it('four cpu threads on one core: all four run at once, each time-sliced, parallelism about 1', async () => {
		const {result} = await runJson(['--cpus', '0', '--pool', '4', '-w', 'cpu', '-n', '4', '--task-ms', '200', '-e', 'threads']);
		const threads = engineOf(result, 'threads');
		expect(mostAtOnce(threads.tasks)).toBe(4);
		expect(threads.parallelism).toBeLessThanOrEqual(1.15);
		// Concurrent: each took about 4 times its own work, since the four shared one core.
		const longest = Math.max(...threads.tasks.map((task) => task.endMs! - task.startMs!));
		expect(longest).toBeGreaterThan(2 * 200);
	});

	it('sleeping tasks still overlap fully on one core', async () => {
		const {result} = await runJson(['--cpus', '0', '--pool', '4', '-w', 'sleep', '-n', '4', '--task-ms', '300', '-e', 'threads,processes']);
		for (const name of ['threads', 'processes'] as const) expect(mostAtOnce(engineOf(result, name).tasks)).toBe(4);
	});

	it('says so in the report\'s header', async () => {
		const run = await runCli(['--cpus', '0', '-w', 'sleep', '-n', '2', '--task-ms', '50', '-e', 'async']);
		expect(run.stdout).toMatch(/^concur-tui · sleep · .* · pinned to 1 of \d+ cores \(CPU 0\)$/m);
	});
});
