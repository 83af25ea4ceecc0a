// Other programs using the cores: measured, named, and never counted as the engine's own.
import {type ChildProcess, spawn} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import {expectUnlessSkewed} from './helpers/busy-machine.js';
import {engineOf, runJson} from './helpers/run-cli.js';
import {PtyScreen} from './helpers/pty-screen.js';

/** A real external CPU hog: busy processes, one per core, ended by the test. */
function startHog(processes: number): ChildProcess[] {
	return Array.from({length: processes}, () => spawn(process.execPath, ['-e', 'for (;;);'], {stdio: 'ignore'}));
}

const run = ['-w', 'cpu', '-n', '4', '-p', '2', '--task-ms', '500'];

describe.runIf(process.platform === 'linux')('other programs\' load', () => {
	let hog: ChildProcess[] = [];
	afterEach(() => {
		for (const child of hog) child.kill('SIGKILL');
		hog = [];
	});

	it('with both cores taken by a hog: every engine reports it, async\'s own cores stay at 1, and no winner is named', async () => {
		hog = startHog(2);
		const {result} = await runJson(run);
		for (const engine of result.engines) expect(engine.otherLoadCores).toBeGreaterThanOrEqual(0.25);
		expect(engineOf(result, 'async').coresUsed).toBeLessThanOrEqual(1.3);
		expect(result.verdict).toMatch(/^No clear winner on 4 cpu tasks: other programs used/);
	});

	it('with no hog: no warning unless the run measured load that skewed it, and the engine\'s own cores tell async (one thread) from the pools', async () => {
		const {result} = await runJson(run);
		expect(engineOf(result, 'async').coresUsed).toBeLessThanOrEqual(1.3);
		// On a quiet machine (the suite's own CI): nothing named. On a busy one, the load is named.
		expectUnlessSkewed(result, ['async', 'threads', 'processes'], () => {
			expect(result.verdict).not.toContain('other programs');
			expect(engineOf(result, 'threads').coresUsed).toBeGreaterThan(1.5);
			expect(result.verdict).toMatch(/^(threads|processes) (won|and (threads|processes) tied for first)/);
		});
	});

	it('the dashboard says so in the running panel, and the strip shows concur-tui\'s share apart from the others\'', async () => {
		hog = startHog(2);
		const screen = new PtyScreen(run, {cols: 100, rows: 30});
		try {
			const text = await screen.waitFor((shown) => /other (?:programs )?\d\.\d cores · (?:loop|L) /.test(shown));
			expect(text).toMatch(/concur-tui \d\.\d · other programs \d\.\d cores/);
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	});
});
