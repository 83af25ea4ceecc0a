// An interrupted headless run exits as the signal says and leaves no process behind.
import {execFileSync, spawn} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import pty from 'node-pty';
import type {RunResult} from '../source/model/result-types.js';
import {beforeAll, describe, expect, it} from 'vitest';
import {cliPath, fixture, runCli, userEnv} from './helpers/run-cli.js';
import {busyDescendantsOf, descendantsOf, processesMarked, stillAlive, waitFor} from './helpers/process-tree.js';

/**
 * Mid-run, for the CPU-bound cases: the async host, the threads host and both process units have
 * each used 100 ms of CPU (10 clock ticks), so every engine is at work when the signal comes.
 */
const workingTicks = 10;

/** A folder for the announcing task's start markers, and a check that a task has started. */
function startMarkers() {
	const folder = mkdtempSync(join(tmpdir(), 'concur-markers-'));
	return {folder, started: () => readdirSync(folder).some((name) => name.startsWith('started-'))};
}

describe.runIf(process.platform === 'linux')('signals during a headless run', () => {
	it.each([
		['SIGINT', 130],
		['SIGTERM', 143],
		['SIGHUP', 129],
	] as const)('%s exits with %i and leaves no child process', async (signal, code) => {
		// Processes racing on busy CPU work: the hardest case for cleanup.
		const child = spawn(process.execPath, [cliPath, '-w', 'cpu', '-n', '40', '--task-ms', '500', '-p', '2', '--mode', 'race', '--json'], {
			env: userEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
		// Wait until both pools' units are up: host processes and their children.
		expect(await waitFor(() => busyDescendantsOf(child.pid!, workingTicks).length >= 4, 10_000)).toBe(true);
		const tree = descendantsOf(child.pid!);
		const sentAt = Date.now();
		child.kill(signal);
		expect(await exited).toBe(code);
		expect(Date.now() - sentAt).toBeLessThan(1000);
		expect(await waitFor(() => stillAlive(tree).length === 0, 1000)).toBe(true);
	});
});

// A test build that runs out of memory mid-run (scripts/build.mjs --fault oom); built code finds
// its sibling entry points by the folder name dist.
const leakingCli = join(mkdtempSync(join(tmpdir(), 'concur-oom-')), 'dist', 'cli.js');

describe.runIf(process.platform === 'linux')('concur-tui killed without warning', () => {
	beforeAll(() => {
		execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', join(leakingCli, '..'), '--fault', 'oom'], {stdio: 'ignore'});
	});

	it('SIGKILL: every process it started is gone within 1 s, busy ones too', async () => {
		// The async host spins on the CPU for 20 s and cannot notice anything by itself.
		const child = spawn(process.execPath, [cliPath, '-w', 'cpu', '-n', '40', '--task-ms', '500', '-p', '2', '--mode', 'race', '--json'], {
			env: userEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
		expect(await waitFor(() => busyDescendantsOf(child.pid!, workingTicks).length >= 4, 10_000)).toBe(true);
		const tree = descendantsOf(child.pid!);
		child.kill('SIGKILL');
		expect(await exited).toBe('SIGKILL');
		expect(await waitFor(() => stillAlive(tree).length === 0, 1000)).toBe(true);
	});

	it('out of memory: V8 aborts concur-tui, and every process it started is gone within 1 s', async () => {
		// A test build whose panels keep memory at every frame once a task is done (scripts/build.mjs
		// --fault oom), in a terminal, with a 24 MB heap: concur-tui runs out of memory mid-run while
		// every engine of a race is busy on the CPU. (Running out by the dashboard's own growth broke
		// twice as it got leaner.)
		const terminal = pty.spawn(process.execPath, ['--max-old-space-size=24', leakingCli, '-w', 'cpu', '-n', '200', '--task-ms', '100', '-p', '2', '--mode', 'race'], {
			cols: 100,
			rows: 30,
			env: userEnv({TERM: 'xterm-256color'}),
		});
		let output = '';
		terminal.onData((data) => (output += data));
		const exited = new Promise<number | undefined>((resolve) => terminal.onExit(({signal}) => resolve(signal)));
		const seen = new Set<number>();
		const watching = setInterval(() => {
			for (const pid of descendantsOf(terminal.pid)) seen.add(pid);
		}, 50);
		try {
			expect(await waitFor(() => seen.size >= 5, 10_000)).toBe(true);
			expect(await exited).toBe(6); // SIGABRT
		} finally {
			clearInterval(watching);
			terminal.kill('SIGKILL');
		}

		expect(output).toContain('JavaScript heap out of memory');
		expect(await waitFor(() => stillAlive([...seen]).length === 0, 1000)).toBe(true);
	});
});

describe.runIf(process.platform === 'linux')('an SSH hang-up', () => {
	it.each([
		// exec: concur-tui takes the shell's place, as a login shell's last command would run.
		['in place of the shell', 'exec '],
		// A foreground job: the shell passes the hang-up on.
		['as a job of the shell', ''],
	])('closing the terminal with concur-tui %s leaves no process behind', async (_how, prefix) => {
		const shell = pty.spawn('/bin/bash', ['--noprofile', '--norc', '-i'], {cols: 80, rows: 24, env: userEnv({TERM: 'xterm-256color'})});
		shell.onData(() => {});
		shell.write(`${prefix}"${process.execPath}" "${cliPath}" -w cpu -n 40 --task-ms 500 -p 2 --mode race\r`);
		expect(await waitFor(() => descendantsOf(shell.pid).length >= 5, 10_000)).toBe(true);
		const tree = [shell.pid, ...descendantsOf(shell.pid)];
		// Close the terminal itself (the pty master), as a dropped SSH connection does.
		(shell as unknown as {destroy: () => void}).destroy();
		expect(await waitFor(() => stillAlive(tree).length === 0, 1000)).toBe(true);
	});
});

describe.runIf(process.platform === 'linux')('an interrupted run', () => {
	it('still writes its exports, marked incomplete, and exits as the signal says within 1 s', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'concur-partial-'));
		const save = join(folder, 'result.json');
		const trace = join(folder, 'run.trace.json');
		const markers = startMarkers();
		const child = spawn(process.execPath, [cliPath, '--task', fixture('announcing-task.mjs'), '-n', '6', '-p', '2', '--save', save, '--trace', trace], {
			env: userEnv({CONCUR_TEST_MARKERS: markers.folder}),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
		// A task has started (it says so itself): the run is under way.
		expect(await waitFor(markers.started, 10_000)).toBe(true);
		const sentAt = Date.now();
		child.kill('SIGINT');
		expect(await exited).toBe(130);
		expect(Date.now() - sentAt).toBeLessThan(1000);
		const result = JSON.parse(readFileSync(save, 'utf8')) as RunResult;
		expect(result.complete).toBe(false);
		expect(result.engines.some((engine) => !engine.complete)).toBe(true);
		expect(JSON.parse(readFileSync(trace, 'utf8'))).toHaveProperty('traceEvents');
		expect(readdirSync(folder).sort()).toEqual(['result.json', 'run.trace.json']);
	});

	it('an engine stopped before its host reported keeps what was sampled: its CPU so far, no made-up memory', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'concur-partial-'));
		const save = join(folder, 'result.json');
		const markers = mkdtempSync(join(tmpdir(), 'concur-markers-'));
		const child = spawn(process.execPath, [cliPath, '--task', fixture('spinning-task.mjs'), '-n', '2', '-p', '2', '-e', 'threads', '--save', save], {
			env: userEnv({CONCUR_TEST_MARKERS: markers}),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
		// A task has computed for 600 ms: the host has sampled its CPU (every 250 ms) by then.
		expect(await waitFor(() => readdirSync(markers).some((name) => name.startsWith('spun-')), 20_000)).toBe(true);
		child.kill('SIGINT');
		expect(await exited).toBe(130);
		const threads = (JSON.parse(readFileSync(save, 'utf8')) as RunResult).engines[0]!;
		expect(threads.complete).toBe(false);
		expect(threads.cpuMs).toBeGreaterThan(250);
		expect(threads.parallelism).toBeCloseTo(threads.cpuMs / threads.elapsedMs, 5);
		expect(threads.peakRssBytes).toBe(0);
		const report = await runCli(['replay', save]);
		// threads* (incomplete), and threads*! where other programs' load skewed it.
		const row = report.stdout.split('\n').find((line) => line.startsWith('threads*'));
		// CPU time as sampled, and no peak memory where none was reported.
		expect(row).toMatch(new RegExp(`^threads\\*!? +\\S+ s +\\S+ +${threads.parallelism.toFixed(2)} +\\S+ +${(threads.cpuMs / 1000).toFixed(2)} s +– +`));
	}, 60_000);

	it('q in the dashboard mid-run exports the partial run too', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'concur-partial-'));
		const save = join(folder, 'result.json');
		const markers = startMarkers();
		const terminal = pty.spawn(process.execPath, [cliPath, '--task', fixture('announcing-task.mjs'), '-n', '4', '-p', '2', '--save', save], {
			cols: 80,
			rows: 24,
			env: userEnv({TERM: 'xterm-256color', CONCUR_TEST_MARKERS: markers.folder}),
		});
		let text = '';
		terminal.onData((data) => (text += data));
		const exited = new Promise<number>((resolve) => terminal.onExit(({exitCode}) => resolve(exitCode)));
		expect(await waitFor(() => text.includes('Async') && markers.started(), 10_000)).toBe(true);
		terminal.write('q');
		expect(await exited).toBe(0);
		const result = JSON.parse(readFileSync(save, 'utf8')) as RunResult;
		expect(result.complete).toBe(false);
	});
});

describe.runIf(process.platform === 'linux')('a task module that will not die', () => {
	it.each(['SIGHUP', 'SIGKILL'] as const)('leaves no process behind when concur-tui gets %s', async (signal) => {
		const child = spawn(process.execPath, [cliPath, '--task', fixture('stubborn-task.mjs'), '-n', '4', '--task-ms', '20000', '-p', '2', '--mode', 'race', '--json'], {
			env: userEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
		expect(await waitFor(() => busyDescendantsOf(child.pid!, workingTicks).length >= 4, 10_000)).toBe(true);
		const tree = descendantsOf(child.pid!);
		child.kill(signal);
		await exited;
		expect(await waitFor(() => stillAlive(tree).length === 0, 1000)).toBe(true);
	});
});

/** Starts the built CLI headless with a marker every process it starts inherits. */
function startMarked(args: readonly string[], env: Record<string, string> = {}) {
	const marker = `CONCUR_SIGNAL_CASE=${randomUUID()}`;
	const [key, value] = marker.split('=') as [string, string];
	const child = spawn(process.execPath, [cliPath, ...args], {env: userEnv({...env, [key]: value}), stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => child.on('close', (code, signal) => resolve({code, signal})));
	return {child, marker, exited, output: () => ({stdout, stderr})};
}

const isReaper = (pid: number) => {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('reaper.js');
	} catch {
		return false;
	}
};

describe.runIf(process.platform === 'linux')('signals in every phase', () => {
	it('a signal while the task module loads (calibration): exit 143, the run exported with no engine run, nothing left', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'concur-calibrating-'));
		const save = join(folder, 'result.json');
		const slowModule = join(folder, 'slow.mjs');
		const loading = join(folder, 'loading');
		// The module says when its import has begun, then keeps the import waiting.
		writeFileSync(
			slowModule,
			`import {writeFileSync} from 'node:fs';\nwriteFileSync(${JSON.stringify(loading)}, '');\nawait new Promise((resolve) => setTimeout(resolve, 5000));\nexport default () => 1;\n`,
		);
		const run = startMarked(['--task', slowModule, '--save', save, '--json']);
		expect(await waitFor(() => existsSync(loading), 10_000)).toBe(true);
		const sentAt = Date.now();
		run.child.kill('SIGTERM');
		expect((await run.exited).code).toBe(143);
		expect(Date.now() - sentAt).toBeLessThan(1000);
		expect(run.output().stderr).toBe('');
		const saved = JSON.parse(readFileSync(save, 'utf8')) as RunResult;
		expect(saved.complete).toBe(false);
		// No engine ran, and every configured task says so.
		expect(saved.engines.every((engine) => !engine.complete && engine.tasks.length === saved.config.tasks)).toBe(true);
		expect(new Set(saved.engines.flatMap((engine) => engine.tasks.map((task) => task.error)))).toEqual(new Set(['not finished: interrupted']));
		expect((JSON.parse(run.output().stdout) as RunResult).runId).toBe(saved.runId);
		expect(await waitFor(() => processesMarked(run.marker).length === 0, 1000)).toBe(true);
	});

	it('two signals at once (GNU timeout sends one to the process and one to its group) still export; exit 143', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'concur-two-signals-'));
		const save = join(folder, 'result.json');
		const markers = startMarkers();
		const run = startMarked(['--task', fixture('announcing-task.mjs'), '-n', '6', '-p', '2', '--save', save], {CONCUR_TEST_MARKERS: markers.folder});
		expect(await waitFor(markers.started, 10_000)).toBe(true);
		run.child.kill('SIGTERM');
		// Apart enough for the kernel to deliver both (two pending SIGTERMs would be one).
		await new Promise((resolve) => setTimeout(resolve, 20));
		run.child.kill('SIGTERM');
		// 143 as a shell sees it: exit(143), or death by the second SIGTERM when it lands as Node
		// exits, after its handlers are gone (seen on a busy machine); the export is done either way.
		const {code, signal} = await run.exited;
		expect(code ?? (signal === 'SIGTERM' ? 143 : signal)).toBe(143);
		expect((JSON.parse(readFileSync(save, 'utf8')) as RunResult).complete).toBe(false);
		expect(await waitFor(() => processesMarked(run.marker).length === 0, 1000)).toBe(true);
	});

	it('a reaper killed from outside is replaced: SIGKILL of concur-tui after it still leaves nothing', async () => {
		const run = startMarked(['-w', 'cpu', '-n', '40', '--task-ms', '500', '-p', '2', '--mode', 'race', '--json']);
		expect(await waitFor(() => processesMarked(run.marker).filter(isReaper).length === 1 && descendantsOf(run.child.pid!).length >= 5, 10_000)).toBe(true);
		const [first] = processesMarked(run.marker).filter(isReaper);
		process.kill(first!, 'SIGKILL');
		expect(await waitFor(() => processesMarked(run.marker).some((pid) => isReaper(pid) && pid !== first), 2000)).toBe(true);
		run.child.kill('SIGKILL');
		expect((await run.exited).signal).toBe('SIGKILL');
		// The new reaper may still be booting Node on two cores kept full by the race's busy units
		// (one CI run took over 1 s): bounded, with room for that.
		expect(await waitFor(() => processesMarked(run.marker).length === 0, 3000)).toBe(true);
	});

	it('a reader of the plain report that goes away after its first line (| head -1): noticed when the first engine ends, not at the end', async () => {
		// Three engines of 3 s each, one after another: at least 9 s to the end.
		const run = startMarked(['-w', 'sleep', '-n', '2', '--task-ms', '3000', '-p', '2']);
		const startedAt = Date.now();
		run.child.stdout.once('data', () => run.child.stdout.destroy());
		const {code} = await run.exited;
		expect(code).toBe(141);
		// The first engine's line is the next write: well before the other two engines' 6 s.
		expect(Date.now() - startedAt).toBeLessThan(6000);
		expect(run.output().stderr).toBe('');
		expect(await waitFor(() => processesMarked(run.marker).length === 0, 1000)).toBe(true);
	});

	it('a reader that closes stdout early (| head -c 100): exit 141, no stack trace, nothing left', async () => {
		const run = startMarked(['-w', 'sleep', '-n', '3000', '--task-ms', '1', '-e', 'async', '--json']);
		run.child.stdout.once('data', () => run.child.stdout.destroy());
		const {code} = await run.exited;
		expect(code).toBe(141);
		expect(run.output().stderr).toBe('');
		expect(await waitFor(() => processesMarked(run.marker).length === 0, 1000)).toBe(true);
	});
});
