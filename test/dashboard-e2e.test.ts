// The built CLI in a real pseudo-terminal, read from a headless xterm: what a person sees.
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {availableParallelism, tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {descendantsOf, stillAlive, waitFor} from './helpers/process-tree.js';
import {PtyScreen} from './helpers/pty-screen.js';

// The panels' model names: side by side a title may shorten to them to keep its figures whole.
const titles = ['Async', 'Many-thread', 'Multicore'];
const run = ['-w', 'cpu', '-n', '6', '--task-ms', '250', '-p', '2'];

async function quitAndCheck(screen: PtyScreen, tree: number[]): Promise<void> {
	screen.write('q');
	const exit = await screen.exited;
	expect(exit.exitCode).toBe(0);
	expect(await waitFor(() => stillAlive(tree).length === 0, 1000)).toBe(true);
}

describe.each([
	[80, 24],
	[160, 48],
])('the dashboard at %ix%i', (cols, rows) => {
	it('shows three panels with moving bars, then the result table; q exits 0 and leaves nothing', async () => {
		const screen = new PtyScreen(run, {cols, rows});
		try {
			await screen.waitFor((text) => titles.every((title) => text.includes(title)) && /(?:loop|L #\d+) .*█/.test(text));
			// The async panel's elapsed figure grows while its bars move.
			// Side by side the title may shorten to "Async" to keep its figures whole.
			const asyncElapsed = (text: string) => Number(/Async(?: · one event loop)?\s+(\d+\.\d+) s/.exec(text)?.[1] ?? Number.NaN);
			const first = await screen.waitFor((text) => /\d\/6/.test(text) && asyncElapsed(text) > 0);
			const later = await screen.waitFor((text) => asyncElapsed(text) > asyncElapsed(first));
			expect(asyncElapsed(later)).toBeGreaterThan(asyncElapsed(first));
			expect(later.split('\n').filter((line) => line.includes('█')).length).toBeGreaterThan(0);
			const tree = descendantsOf(screen.pid);
			expect(tree.length).toBeGreaterThan(0);
			await screen.waitFor((text) => /│ engine +│ elapsed/.test(text) && text.includes('Verdict:'), 30_000);
			const lines = screen.lines();
			expect(lines.filter((line) => line.startsWith('concur-tui '))).toHaveLength(1);
			expect(screen.scrolledOff()).toBe(0);
			for (const line of lines) expect(line.length).toBeLessThan(cols);
			await quitAndCheck(screen, [...tree, ...descendantsOf(screen.pid)]);
		} finally {
			screen.kill();
		}
	});
});

describe('the dashboard in a terminal', () => {
	it('redraws cleanly on resize: one frame, never taller than the terminal', async () => {
		const screen = new PtyScreen(['-w', 'sleep', '-n', '4', '--task-ms', '3000', '-p', '2'], {cols: 100, rows: 30});
		try {
			await screen.waitFor((text) => titles.every((title) => text.includes(title)));
			// Two frames drawn after the resize: anything left over from the old size would show.
			const framesAfter = async () => {
				const before = screen.bytes;
				await waitFor(() => screen.bytes > before, 5000);
				const once = screen.bytes;
				await waitFor(() => screen.bytes > once, 5000);
			};
			screen.resize(80, 24);
			await framesAfter();
			// Side by side from 80 columns: the three titles on one row.
			let text = await screen.waitFor((t) => /^Async .*Many-thread .*Multicore /m.test(t));
			expect(text.split('\n').filter((line) => line.startsWith('concur-tui ')).length).toBe(1);
			expect(text.split('\n').filter((line) => line.startsWith('r rerun')).length).toBe(1);
			screen.resize(170, 50);
			await framesAfter();
			text = await screen.waitFor((t) => t.includes('Multicore · process pool'));
			expect(text.split('\n').filter((line) => line.startsWith('concur-tui ')).length).toBe(1);
			screen.resize(50, 15);
			text = await screen.waitFor((t) => t.includes('concur-tui needs 60×20; this terminal is 50×15.'));
			// Whole, not cut at 50 columns.
			expect(text).toContain('Enlarge it, or press q.');
			expect(text).not.toContain('Many-thread');
			const tree = descendantsOf(screen.pid);
			await quitAndCheck(screen, tree);
		} finally {
			screen.kill();
		}
	});

	it('restores the cursor when it quits', async () => {
		const screen = new PtyScreen(['-w', 'sleep', '-n', '2', '--task-ms', '2000', '-e', 'async'], {cols: 80, rows: 24});
		try {
			await screen.waitFor((text) => text.includes('Async · one event loop'));
			await screen.settle();
			expect(screen.cursorHidden()).toBe(true);
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
			await screen.settle();
			expect(screen.cursorHidden()).toBe(false);
		} finally {
			screen.kill();
		}
	});

	it('says why a threads engine waits when a task stopped its process (SIGSTOP, no --timeout); q exits 0 and leaves nothing', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'concur-held-'));
		const task = join(folder, 'stopper.mjs');
		writeFileSync(task, "export default async (input) => { if (input.index === 0) process.kill(process.pid, 'SIGSTOP'); await new Promise((r) => setTimeout(r, 50)); };");
		const screen = new PtyScreen(['--task', task, '-n', '3', '-p', '2', '-e', 'threads'], {cols: 80, rows: 24});
		try {
			// The cause, on the engine's title; at 80 columns its tail may be cut (…) when the title
			// also carries the other programs' load and ∥ (seen on a busy machine).
			const text = await screen.waitFor((shown) => shown.includes('stopped (SIGSTOP or debugger):'));
			expect(text).toMatch(/Many-thread.*(\n.*)?stopped \(SIGSTOP or debugger\):( waiting|…)/);
			await quitAndCheck(screen, descendantsOf(screen.pid));
		} finally {
			screen.kill();
		}
	});

	it('runs with keys off when stdin is not a terminal, and --exit ends it by itself', async () => {
		const screen = new PtyScreen([], {cols: 80, rows: 24}, {
			shellCommand: `exec "${process.execPath}" "${process.cwd()}/dist/cli.js" -w sleep -n 2 --task-ms 200 -p 2 --exit < /dev/null`,
		});
		try {
			await screen.waitFor((text) => text.includes('keys off: stdin is not a terminal'));
			expect((await screen.exited).exitCode).toBe(0);
			expect(screen.text()).toContain('Verdict:');
		} finally {
			screen.kill();
		}
	});
});

describe('a terminal in a CI job', () => {
	it.each<Record<string, string>>([{CI: 'true'}, {CI_JOB_ID: '42'}])('with %o prints the report, not a dashboard that would stay blank, and exits', async (env) => {
		const screen = new PtyScreen(['-w', 'sleep', '-n', '2', '--task-ms', '200', '-p', '2'], {cols: 120, rows: 40}, {env});
		try {
			expect((await screen.exited).exitCode).toBe(0);
			const text = await screen.waitFor((t) => t.includes('Verdict:'));
			// Above the report, which may be taller than the terminal: read from all it wrote.
			expect(screen.raw).toContain('concur-tui: CI is set (Ink would draw only the last frame), so here is the report instead of the dashboard');
			expect(text).toMatch(/engine +elapsed +speedup/);
			expect(text).not.toContain('r rerun');
		} finally {
			screen.kill();
		}
	});
});

describe('the dashboard keys, for real', () => {
	it('w, ] and m change the run and restart it; t writes a trace of the finished run', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'concur-keys-'));
		const screen = new PtyScreen(['-w', 'cpu', '-n', '2', '--task-ms', '100', '-p', '2', '-e', 'async,threads'], {cols: 100, rows: 30}, {cwd: folder});
		try {
			await screen.waitFor((text) => text.includes('Verdict:'));
			screen.write('w');
			await screen.waitFor((text) => /concur-tui +sleep · 2 tasks/.test(text));
			screen.write(']');
			await screen.waitFor((text) => text.includes('pool 3'));
			screen.write('m');
			await screen.waitFor((text) => text.includes('· race ·'));
			await screen.waitFor((text) => text.includes('Verdict:'));
			screen.write('t');
			const text = await screen.waitFor((t) => t.includes('trace written'));
			expect(text).toContain(folder);
			const traces = readdirSync(folder).filter((name) => name.endsWith('.trace.json'));
			expect(traces).toHaveLength(1);
			const trace = JSON.parse(readFileSync(join(folder, traces[0]!), 'utf8')) as {traceEvents: Array<{ph: string; name: string}>};
			// Both engines' 2 tasks: async's as async slices, the threads' as complete ones.
			const tasks = trace.traceEvents.filter((event) => /^task \d+$/.test(event.name) && (event.ph === 'X' || event.ph === 'b'));
			expect(tasks).toHaveLength(4);
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	});
});

describe('colours', () => {
	// A foreground colour: ESC [ 30-37, 90-97 or 38;… m.
	const colourCode = new RegExp(`${String.fromCodePoint(27)}\\[(?:3[0-7]|9[0-7]|38;)`);

	it('uses colour in a terminal, and none with NO_COLOR', async () => {
		for (const [env, coloured] of [[{}, true], [{NO_COLOR: '1'}, false]] as const) {
			const screen = new PtyScreen(['-w', 'sleep', '-n', '2', '--task-ms', '300', '-e', 'async', '--exit'], {cols: 80, rows: 24}, {env});
			try {
				// eslint-disable-next-line no-await-in-loop
				await screen.exited;
				expect(colourCode.test(screen.raw)).toBe(coloured);
			} finally {
				screen.kill();
			}
		}
	});
});

describe('leaving the terminal as it was', () => {
	it.each([
		['q', 'q'],
		['Ctrl+C', '\u0003'],
	])('%s mid-run: the shell is back within 1 s, nothing left, echo and canonical mode on', async (_name, key) => {
		const folder = mkdtempSync(join(tmpdir(), 'concur-stty-'));
		const shell = new PtyScreen([], {cols: 100, rows: 30}, {
			shellCommand: `"${process.execPath}" "${process.cwd()}/dist/cli.js" -w cpu -n 40 --task-ms 500 -p 2 --mode race; echo "exit=$?"; stty -a > "${join(folder, 'stty.txt')}"; echo stty-done; sleep 5`,
		});
		try {
			await shell.waitFor((text) => /Multicore .*\d+\/40/.test(text));
			const tree = descendantsOf(shell.pid);
			const sentAt = Date.now();
			shell.write(key);
			await shell.waitFor((text) => text.includes('stty-done'), 5000);
			expect(Date.now() - sentAt).toBeLessThan(1000);
			expect(shell.text()).toContain('exit=0');
			const modes = readFileSync(join(folder, 'stty.txt'), 'utf8').split(/\s+/);
			expect(modes).toContain('icanon');
			expect(modes).toContain('echo');
			expect(await waitFor(() => stillAlive(tree.filter((pid) => !isShellOrSleep(pid))).length === 0, 1000)).toBe(true);
		} finally {
			shell.kill();
		}
	});
});

describe('signals to the dashboard', () => {
	it.each([
		['SIGINT', 130],
		['SIGTERM', 143],
		['SIGHUP', 129],
	] as const)('%s: exit %i within 1 s, the terminal restored, a partial export, nothing left', async (signal, code) => {
		const folder = mkdtempSync(join(tmpdir(), 'concur-signal-'));
		const saved = join(folder, 'run.json');
		const shell = new PtyScreen([], {cols: 100, rows: 30}, {
			shellCommand: `"${process.execPath}" "${process.cwd()}/dist/cli.js" -w cpu -n 40 --task-ms 500 -p 2 --mode race --save "${saved}"; echo "exit=$?"; stty -a > "${join(folder, 'stty.txt')}"; echo stty-done; sleep 5`,
		});
		try {
			await shell.waitFor((text) => /Multicore .*\d+\/40/.test(text));
			// concur-tui names its process "concur-tui"; its hosts and units run files of dist/.
			const concurTui = descendantsOf(shell.pid).find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'latin1').startsWith('concur-tui'))!;
			const tree = [concurTui, ...descendantsOf(concurTui)];
			const sentAt = Date.now();
			process.kill(concurTui, signal);
			await shell.waitFor((text) => text.includes('stty-done'), 5000);
			expect(Date.now() - sentAt).toBeLessThan(1000);
			expect(shell.text()).toContain(`exit=${code}`);
			expect(shell.cursorHidden()).toBe(false);
			const modes = readFileSync(join(folder, 'stty.txt'), 'utf8').split(/\s+/);
			expect(modes).toContain('icanon');
			expect(modes).toContain('echo');
			expect(JSON.parse(readFileSync(saved, 'utf8'))).toMatchObject({complete: false});
			expect(await waitFor(() => stillAlive(tree).length === 0, 1000)).toBe(true);
		} finally {
			shell.kill();
		}
	});
});

function isShellOrSleep(pid: number): boolean {
	try {
		return !readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('dist/');
	} catch {
		return false;
	}
}

describe('a run too big for the machine, in a terminal', () => {
	// One process more than 4 × the cores, whatever the machine (9 on 2 cores).
	const pool = 4 * availableParallelism() + 1;
	const tooBig = ['-w', 'sleep', '-n', '2', '--task-ms', '3000', '-p', String(pool), '-e', 'processes'];

	it('asks first; n (or Enter) starts nothing and exits 2', async () => {
		const screen = new PtyScreen(tooBig, {cols: 80, rows: 24});
		try {
			await screen.waitFor((text) => text.includes(`this run starts ${pool} processes: more than 4 × the`) && text.includes('[y/N]'));
			screen.write('n');
			expect((await screen.exited).exitCode).toBe(2);
			// The terminal may still be drawing the last bytes when the process is gone.
			expect(await screen.waitFor((text) => text.includes(`concur-tui: not started: this run starts ${pool} processes`))).toContain('not started');
			expect(descendantsOf(screen.pid)).toEqual([]);
		} finally {
			screen.kill();
		}
	});

	it('y starts the dashboard; q exits 0 and leaves nothing', async () => {
		const screen = new PtyScreen(tooBig, {cols: 80, rows: 24});
		try {
			await screen.waitFor((text) => text.includes('[y/N]'));
			screen.write('y');
			await screen.waitFor((text) => text.includes('Multicore · process pool') && /\d\/2/.test(text));
			const tree = descendantsOf(screen.pid);
			await quitAndCheck(screen, tree);
		} finally {
			screen.kill();
		}
	});
});

