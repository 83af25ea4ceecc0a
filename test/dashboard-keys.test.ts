// Keys and quits that an adversary found wrong: one run at a time whatever the keys, and q
// mid-sweep exits 0 as the dashboard does. Read from a real pseudo-terminal and /proc.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {descendantsOf, stillAlive, waitFor} from './helpers/process-tree.js';
import {PtyScreen} from './helpers/pty-screen.js';
import {runCli} from './helpers/run-cli.js';

/** The engine hosts alive under `root` (each run's engine runs in one). */
function hostsUnder(root: number): number[] {
	return descendantsOf(root).filter((pid) => {
		try {
			return readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('host.js');
		} catch {
			return false;
		}
	});
}

const pause = async (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A process's state letter from /proc: T when stopped. */
function stateOf(pid: number): string {
	const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
	return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

describe.runIf(process.platform === 'linux')('one run at a time, whatever the keys', () => {
	it('r pressed three times within 150 ms: never two runs at once, and the counts stay within the totals', async () => {
		const screen = new PtyScreen(['-w', 'sleep', '--task-ms', '1500', '-n', '2', '-e', 'async'], {cols: 100, rows: 30});
		try {
			await screen.waitFor((text) => /Async.*\d\/2/.test(text));
			let most = 0;
			let sampling = true;
			const sampler = (async () => {
				while (sampling) {
					most = Math.max(most, hostsUnder(screen.pid).length);
					// eslint-disable-next-line no-await-in-loop
					await pause(10);
				}
			})();
			for (const key of ['r', 'r', 'r']) {
				screen.write(key);
				// eslint-disable-next-line no-await-in-loop
				await pause(50);
			}

			// The new run calibrates, then its one engine runs for 1.5 s.
			await screen.waitFor((text) => text.includes('Verdict:'), 20_000);
			sampling = false;
			await sampler;
			expect(most).toBe(1);
			for (const [, done, total] of screen.text().matchAll(/(\d+)\/(\d+)/g)) expect(Number(done)).toBeLessThanOrEqual(Number(total));
			const tree = descendantsOf(screen.pid);
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
			expect(await waitFor(() => stillAlive(tree).length === 0, 1000)).toBe(true);
		} finally {
			screen.kill();
		}
	});
});

describe.runIf(process.platform === 'linux')('suspended and continued, as a terminal program', () => {
	it.each([
		['Ctrl+Z', (screen: PtyScreen): void => {
			screen.write('\u001A');
		}],
		['SIGTSTP from outside', (screen: PtyScreen): void => {
			process.kill(screen.pid, 'SIGTSTP');
		}],
	] as const)('%s gives the terminal back and stops; SIGCONT redraws the whole screen, the run went on, keys work', async (_how, stop) => {
		const screen = new PtyScreen(['-w', 'sleep', '--task-ms', '2500', '-n', '2', '-e', 'async'], {cols: 100, rows: 30});
		try {
			await screen.waitFor((text) => text.includes('q quit') && /Async.*\d\/2/.test(text));
			const before = screen.raw.length;
			stop(screen);
			expect(await waitFor(() => stateOf(screen.pid) === 'T', 3000)).toBe(true);
			// The cursor is shown again for the shell (written before it stopped; read a moment later).
			await screen.waitFor(() => screen.raw.slice(before).includes('\u001B[?25h'), 3000);
			const asyncElapsed = (text: string) => Number(/Async(?: · one event loop)?\s+(\d+\.\d+) s/.exec(text)?.[1] ?? Number.NaN);
			const stoppedAt = asyncElapsed(screen.text());
			await pause(600);
			process.kill(screen.pid, 'SIGCONT');
			const redrawn = await screen.waitFor((text) => asyncElapsed(text) > stoppedAt + 0.5);
			expect(redrawn.split('\n').filter((line) => line.startsWith('concur-tui ')).length).toBe(1);
			screen.write('?');
			await screen.waitFor((text) => text.includes('Ctrl+Z suspend'));
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	});
});

describe.runIf(process.platform === 'linux')('the sweep suspended and continued', () => {
	it('f freezes the view while the run goes on (FROZEN in the header and footer); f again shows where the run is now', async () => {
		const screen = new PtyScreen(['-w', 'sleep', '--task-ms', '1000', '-n', '6', '-p', '2', '-e', 'threads'], {cols: 100, rows: 30});
		try {
			await screen.waitFor((text) => /Many-thread.*[1-5]\/6/.test(text), 20_000);
			screen.write('f');
			const frozen = await screen.waitFor((text) => text.includes('FROZEN: the run goes on · f catches up') && /^concur-tui .* FROZEN $/m.test(text));
			// A second later the run has gone on (a 1 s task ended), the screen has not.
			const tasksThen = /Many-thread.*?(\d)\/6/.exec(frozen)![1];
			await pause(1200);
			expect(screen.text()).toBe(frozen);
			screen.write('f');
			const caughtUp = await screen.waitFor((text) => !text.includes('FROZEN'));
			expect(Number(/Many-thread.*?(\d)\/6/.exec(caughtUp)![1])).toBeGreaterThan(Number(tasksThen));
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	}, 40_000);

	it('Ctrl+Z gives the terminal back and stops; SIGCONT redraws one whole screen; q still quits with 0', async () => {
		const screen = new PtyScreen(['sweep', '-w', 'sleep', '--task-ms', '300', '--pools', '1,2', '--runs', '1', '-e', 'threads'], {cols: 100, rows: 30});
		try {
			await screen.waitFor((text) => text.includes('Ctrl+Z suspend') && text.includes('concur-tui sweep'));
			const before = screen.raw.length;
			screen.write('\u001A');
			expect(await waitFor(() => stateOf(screen.pid) === 'T', 3000)).toBe(true);
			// Written before it stopped; the pty may hand the last bytes over a moment later.
			await screen.waitFor(() => screen.raw.slice(before).includes('\u001B[?25h'), 3000);
			await pause(300);
			const stopped = screen.raw.length;
			process.kill(screen.pid, 'SIGCONT');
			// The whole screen afresh: cleared, then drawn once.
			await screen.waitFor(() => screen.raw.slice(stopped).includes('\u001B[2J') && screen.text().includes('Ctrl+Z suspend'));
			expect(screen.text().split('\n').filter((line) => line.startsWith('concur-tui sweep')).length).toBe(1);
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	});
});

describe.runIf(process.platform === 'linux')('the sweep: quitting and failures', () => {
	it('q mid-sweep exits 0, as the dashboard does', async () => {
		const screen = new PtyScreen(['sweep', '-w', 'sleep', '--task-ms', '400', '--pools', '1,2', '--runs', '1', '-e', 'threads'], {cols: 100, rows: 30});
		try {
			// Mid-sweep: a size is being measured.
			await screen.waitFor((text) => text.includes('concur-tui sweep') && text.includes('measuring pool'));
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	});

	it('every task failing: no recommendation from dying work, the failures named, exit 1', async () => {
		const module = join(mkdtempSync(join(tmpdir(), 'concur-sweep-')), 'throws.mjs');
		writeFileSync(module, "export default () => { throw new Error('no'); };\n");
		const run = await runCli(['sweep', '--task', module, '--pools', '1,2', '--runs', '1', '-n', '4']);
		expect(run.code).toBe(1);
		expect(run.stdout).not.toContain('recommended pool');
		expect(run.stdout).toMatch(/threads: tasks failed at pool 1 \(4 of 4\), 2 \(4 of 4\): nothing to fit or recommend/);
		expect(run.stdout).toMatch(/processes: tasks failed at pool 1 \(4 of 4\), 2 \(4 of 4\): nothing to fit or recommend/);
	});
});
