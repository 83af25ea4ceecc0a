// A run that will take long says so before it starts, with the estimate.
import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {defaultRunConfig} from '../source/config/defaults.js';
import {estimatedEngineMs, longRunNotice} from '../source/config/run-estimate.js';
import {cliPath, userEnv} from './helpers/run-cli.js';

describe('the run estimate', () => {
	const config = {...defaultRunConfig(2), tasks: 200, taskMs: 300};

	it('counts CPU-bound tasks one after another on async and one per core on the pools; waits only by units', () => {
		expect(estimatedEngineMs(config, 2)).toEqual([
			{engine: 'async', ms: 60_000},
			{engine: 'threads', ms: 30_000},
			{engine: 'processes', ms: 30_000},
		]);
		expect(estimatedEngineMs({...config, workload: 'sleep'}, 2)).toEqual([
			{engine: 'async', ms: 300},
			{engine: 'threads', ms: 30_000},
			{engine: 'processes', ms: 30_000},
		]);
		expect(estimatedEngineMs({...config, workload: 'module'}, 2)).toBeNull();
	});

	it('announces a run over a minute, in words, and not the default run', () => {
		expect(longRunNotice(config, 2)).toBe(
			'this run should take about 2 min (async alone 60 s: 200 tasks × 300 ms); fewer --tasks or a shorter --task-ms makes it quicker',
		);
		// In a race the engines overlap: the longest counts (60 s here: not announced).
		expect(longRunNotice({...config, mode: 'race'}, 2)).toBeNull();
		expect(longRunNotice({...config, mode: 'race', tasks: 300}, 2)).toContain('about 90 s');
		expect(longRunNotice(defaultRunConfig(2), 2)).toBeNull();
	});

	it('headless, the estimate comes on stderr before the run; Ctrl+C then stops it', async () => {
		const child = spawn(process.execPath, [cliPath, '-w', 'sleep', '-n', '2000', '--task-ms', '100', '--json'], {env: userEnv(), stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		const announced = new Promise<void>((resolve) => {
			child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
				stderr += chunk;
				if (stderr.includes('\n')) resolve();
			});
		});
		const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
		await announced;
		expect(stderr).toMatch(/^concur-tui: this run should take about 3 min \(threads alone 100 s: 2000 tasks × 100 ms\)/);
		child.kill('SIGINT');
		expect(await exited).toBe(130);
	});
});
