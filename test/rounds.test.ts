// --runs N: every engine N times in a rotating order, the median round reported with the spread.
import {describe, expect, it} from 'vitest';
import {expectUnlessSkewed} from './helpers/busy-machine.js';
import {engineOf, runCli, runJson} from './helpers/run-cli.js';
import {PtyScreen} from './helpers/pty-screen.js';

const run = ['-w', 'cpu', '-n', '4', '-p', '2', '--task-ms', '150', '--runs', '3'];

describe('rounds', () => {
	it('runs each engine 3 times in a rotating order, keeps every round, and reports the median round with its range', async () => {
		const {result} = await runJson(run);
		expect(result.rounds.map((round) => round.order)).toEqual([
			['async', 'threads', 'processes'],
			['threads', 'processes', 'async'],
			['processes', 'async', 'threads'],
		]);
		for (const engine of result.engines) {
			const times = result.rounds.map((round) => round.engines.find((each) => each.engine === engine.engine)!.elapsedMs);
			expect(engine.spread).toMatchObject({rounds: 3, minMs: Math.min(...times), maxMs: Math.max(...times)});
			// The reported round is a real one: the median of the three.
			expect(engine.elapsedMs).toBe([...times].sort((a, b) => a - b)[1]);
			expect(engine.complete).toBe(true);
		}

		// The pools' ranges stay clear of async's on this CPU-bound work: a winner is named.
		expectUnlessSkewed(result, ['async', 'threads'], () => {
			expect(engineOf(result, 'threads').spread.maxMs).toBeLessThan(engineOf(result, 'async').spread.minMs);
			expect(result.verdict).toMatch(/medians of 3 rounds/);
		});
	});

	it('the report shows each engine\'s range and the rounds\' order', async () => {
		const {stdout} = await runCli(run);
		expect(stdout).toMatch(/engine +elapsed +range +speedup/);
		expect(stdout).toContain('Medians of 3 rounds, run in rotating order (async threads processes · threads processes async · processes async threads).');
	});

	it('the dashboard says which round is running, then shows the spread', async () => {
		const screen = new PtyScreen(run, {cols: 120, rows: 40});
		try {
			await screen.waitFor((text) => text.includes('running · round 2/3'), 30_000);
			const done = await screen.waitFor((text) => text.includes('Verdict:'), 30_000);
			// (marked ! where other programs skewed it)
			expect(done).toMatch(/│ threads!? +│ \d\.\d\d s ±\d+% +│/);
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	});

	it('refuses a bad count in one line', async () => {
		const {code, stderr} = await runCli(['--runs', '0']);
		expect(code).toBe(2);
		expect(stderr).toBe('concur-tui: --runs must be a whole number from 1 to 100 (got "0")\n');
	});
});
