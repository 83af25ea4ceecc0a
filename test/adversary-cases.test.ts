// Fixed cases an adversary found outside the fault matrix (each a shrunk counterexample or a case
// from the list that the generated cases are built from): a user's module never hangs concur-tui,
// never loses a task's record, never writes raw control text to the terminal.
import {spawn} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import {cliPath, userEnv} from './helpers/run-cli.js';
import {waitFor} from './helpers/process-tree.js';
import {runMarked} from './helpers/run-marked.js';

const hangMs = 30_000;
const folder = mkdtempSync(join(tmpdir(), 'concur-adversary-'));
const allEngines = ['-e', 'async,threads,processes'];

function moduleFile(name: string, source: string): string {
	const path = join(folder, `${name}.mjs`);
	writeFileSync(path, source);
	return path;
}

async function runModule(name: string, source: string, args: readonly string[]) {
	const run = await runMarked(['--task', moduleFile(name, source), ...args, '--json'], hangMs);
	expect(run.ms, 'hung').toBeLessThan(hangMs);
	expect(run.leftover, 'processes left running').toEqual([]);
	return {run, result: JSON.parse(run.stdout) as RunResult};
}

const reasonsOf = (result: RunResult) => Object.fromEntries(result.engines.map((engine) => [engine.engine, engine.tasks.map((task) => (task.ok ? 'ok' : task.error))]));

describe.runIf(process.platform === 'linux')('adversary cases: records kept, nothing hangs', () => {
	it("throw '' and an Error with no name and no message are recorded with a reason, never an empty one", async () => {
		const source = "export default (input) => { if (input.index % 2) throw ''; throw Object.assign(new Error(''), {name: ''}); };";
		const {run, result} = await runModule('empty-throws', source, ['-n', '4', '-p', '2', ...allEngines]);
		expect(run.code).toBe(1);
		for (const engine of result.engines) {
			expect(engine.tasks.map((task) => task.error)).toEqual([
				'threw an Error with no name and no message',
				'threw an empty string',
				'threw an Error with no name and no message',
				'threw an empty string',
			]);
		}
	});

	it('a returned value whose then getter throws fails that task alone, on every engine', async () => {
		const source = "export default (input) => (input.index === 0 ? {get then() { throw new Error('then getter'); }} : 1);";
		const {run, result} = await runModule('then-getter', source, ['-n', '3', '-p', '2', ...allEngines]);
		expect(run.code).toBe(1);
		for (const reasons of Object.values(reasonsOf(result))) expect(reasons).toEqual(['Error: then getter', 'ok', 'ok']);
	});

	it.each([
		['the timers replaced (as fake-timer libraries do)', 'globalThis.setTimeout = () => 0; globalThis.setInterval = () => 0;'],
		['Promise replaced', "globalThis.Promise = function Promise() { throw new Error('no promises here'); };"],
		['the clocks frozen', 'Date.now = () => 0; performance.now = () => 0;'],
	])('a module with %s at import: every engine ends, every task ok', async (name, header) => {
		// The task waits on the real timer, taken before the header ran, through a thenable (no global Promise).
		const source = `const wait = globalThis.setTimeout;\n${header}\nexport default async () => { await {then: (resolve) => wait(resolve, 30)}; };`;
		const {run, result} = await runModule(name.replaceAll(/\W+/g, '-'), source, ['-n', '4', '-p', '2', '--timeout', '2000', ...allEngines]);
		expect(reasonsOf(result)).toEqual({async: ['ok', 'ok', 'ok', 'ok'], threads: ['ok', 'ok', 'ok', 'ok'], processes: ['ok', 'ok', 'ok', 'ok']});
		expect(run.code).toBe(0);
	});

	it.each([
		['an interval', '() => { setInterval(() => {}, 1000); return 1; }'],
		['a listening server', "async () => { const {createServer} = await import('node:net'); await new Promise((resolve) => createServer().listen(0, '127.0.0.1', resolve)); }"],
	])('--threads spawn: a task that leaves %s open ends, and releases its thread', async (name, task) => {
		const {run, result} = await runModule(`spawn-${name.replaceAll(/\W+/g, '-')}`, `export default ${task};`, ['-n', '4', '-p', '2', '-e', 'threads', '--threads', 'spawn']);
		expect(reasonsOf(result)).toEqual({threads: ['ok', 'ok', 'ok', 'ok']});
		expect(run.code).toBe(0);
		expect(run.ms).toBeLessThan(10_000);
	});

	it('every task failing: the verdict ranks no engine and says why', async () => {
		const {run, result} = await runModule('all-fail', "export default () => { throw new Error('no'); };", ['-n', '4', '-p', '2', ...allEngines]);
		expect(run.code).toBe(1);
		expect(result.verdict).toBe(
			'No engine ran every task without a failure, so there is nothing to compare. (async: 4 of 4 tasks failed; threads: 4 of 4 tasks failed; processes: 4 of 4 tasks failed: not compared.)',
		);
	});

	it('a task that writes garbage to its IPC descriptor: no stack trace, every task recorded, on every engine', async () => {
		const source = "import {writeSync} from 'node:fs';\nexport default async () => { try { writeSync(process.channel?.fd ?? 3, '{garbage'); } catch {} await new Promise((resolve) => setTimeout(resolve, 50)); };";
		const {run, result} = await runModule('ipc-garbage', source, ['-n', '2', '-p', '2', ...allEngines]);
		expect(run.stderr).toBe('');
		// The host's channel to concur-tui is read by concur-tui's own framing: async and threads end well.
		expect(reasonsOf(result).async).toEqual(['ok', 'ok']);
		expect(reasonsOf(result).threads).toEqual(['ok', 'ok']);
		// A process unit's channel to its host is Node's IPC: that host goes down, and says why.
		for (const reason of reasonsOf(result).processes!) {
			expect(reason).toBe("not finished: engine host exited with code 1: a task wrote text that is not a message to its process's IPC channel, and Node's parser of that channel threw");
		}
	});

	it.each([
		['a microtask loop left by task 0 holds the loop after every task started', "if (input.index === 0) { const spin = () => Promise.resolve().then(spin); spin(); }", [0, 1, 2, 3], []],
		['task 1 holds the loop in its own code while task 0 waits', 'if (input.index === 1) for (;;) {}', [0, 1], [2, 3]],
	] as const)('--timeout on async, %s: no task is blamed alone, and those that never started say so', async (name, body, started, neverStarted) => {
		const source = `export default (input) => { ${body} return new Promise((resolve) => setTimeout(resolve, 50)); };`;
		const {result} = await runModule(`blame-${name.replaceAll(/\W+/g, '-').slice(0, 40)}`, source, ['-n', '4', '-e', 'async', '--timeout', '500']);
		const tasks = result.engines[0]!.tasks;
		const others = started.length - 1;
		const shared = `timed out after 500 ms; the event loop was blocked while it ran, by it or ${others === 1 ? 'the other task' : `one of the ${others} other tasks`} running on that loop (which one cannot be told from outside), so no abort could reach it and the whole engine was stopped`;
		for (const id of started) {
			expect(tasks[id]!.startMs).not.toBeNull();
			expect(tasks[id]!.error).toBe(shared);
		}

		for (const id of neverStarted) {
			expect(tasks[id]!.startMs).toBeNull();
			expect(tasks[id]!.error).toMatch(/^not finished: the event loop was blocked for \d+ ms, past --timeout 500 ms/);
		}
	});

	it('a CommonJS module compiled from export default (exports.default = fn) runs as its default function', async () => {
		const path = join(folder, 'compiled.cjs');
		writeFileSync(path, "'use strict';\nObject.defineProperty(exports, '__esModule', {value: true});\nexports.default = () => 42;\n");
		const run = await runMarked(['--task', path, '-n', '2', '-e', 'async,threads', '--json'], hangMs);
		expect(run.stderr).toBe('');
		expect(reasonsOf(JSON.parse(run.stdout) as RunResult)).toEqual({async: ['ok', 'ok'], threads: ['ok', 'ok']});
	});

	it("a task that closes fd 1 and 2 (its process's, shared by the engine): every task of every engine ok", async () => {
		const source = "import {closeSync} from 'node:fs';\nexport default async (input) => { if (input.index === 0) { closeSync(1); closeSync(2); } await new Promise((resolve) => setTimeout(resolve, 100)); console.log('after'); console.error('after'); return 1; };";
		const {run, result} = await runModule('closes-stdio', source, ['-n', '3', '-p', '2', ...allEngines]);
		expect(run.code).toBe(0);
		for (const reasons of Object.values(reasonsOf(result))) expect(reasons).toEqual(['ok', 'ok', 'ok']);
	});

	it.each([
		['', ''],
		[' after closing fd 1 and 2', 'closeSync(1); closeSync(2); '],
	])('an uncaught error in a timer%s is named in the reason on async and processes (not a bare exit code)', async (_name, close) => {
		const source = `import {closeSync} from 'node:fs';\nexport default async (input) => { if (input.index === 0) { ${close}setTimeout(() => { throw new Error('left in a timer'); }, 10); } await new Promise((resolve) => setTimeout(resolve, 150)); return 1; };`;
		const {run, result} = await runModule(`timer-throws-${close === '' ? 'open' : 'closed'}`, source, ['-n', '3', '-p', '2', '-e', 'async,processes']);
		expect(run.code).toBe(1);
		const reasons = reasonsOf(result);
		// Async's tasks share the host that died; a process's task alone goes with its unit.
		expect(reasons.async).toEqual(Array.from({length: 3}, () => 'not finished: engine host exited with code 1: Error: left in a timer'));
		expect(reasons.processes).toEqual(['the process crashed: Error: left in a timer', 'ok', 'ok']);
	});

	it.each([
		['assigns', "Object.prototype.then = function (resolve) { resolve(42); };"],
		['defines a getter for', "Object.defineProperty(Object.prototype, 'then', {get() { throw new Error('no then'); }, configurable: true});"],
	])('a module that %s Object.prototype.then is refused at load with that reason (one line, exit 2), not run with every await broken', async (_how, header) => {
		const path = moduleFile(`object-then-${_how.replaceAll(' ', '-')}`, `${header}\nexport default (input) => input.index;`);
		const run = await runMarked(['--task', path, '-n', '2', '--json'], hangMs);
		expect(run.code).toBe(2);
		expect(run.stderr).toBe(`concur-tui: task module ${path} failed to load: TypeError: a task module may not define Object.prototype.then: every object would become a promise-like value, concur-tui's own included\n`);
	});

	it('a task may still make its own objects thenable by assigning then', async () => {
		const source = 'export default (input) => { const later = {}; later.then = (resolve) => setTimeout(() => resolve(input.index), 20); return later; };';
		const {run, result} = await runModule('own-thenable', source, ['-n', '2', '-p', '2', ...allEngines]);
		expect(run.code).toBe(0);
		for (const reasons of Object.values(reasonsOf(result))) expect(reasons).toEqual(['ok', 'ok']);
	});

	it('--runs 3: a failure in a round that is not the reported one is kept in the JSON and exits 1', async () => {
		// The module counts its imports in a file: the calibration's, then one per round (async
		// alone). The second round's tasks throw at once, so that round is the fastest, never the median.
		const counter = join(folder, 'imports');
		writeFileSync(counter, '0');
		const source = `import {readFileSync, writeFileSync} from 'node:fs';
const imports = Number(readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1;
writeFileSync(${JSON.stringify(counter)}, String(imports));
export default (input) => { if (imports === 3) throw new Error('only in round 2'); return new Promise((resolve) => setTimeout(resolve, 150)); };`;
		const {run, result} = await runModule('fails-in-round-two', source, ['-n', '2', '-e', 'async', '--runs', '3']);
		expect(run.code).toBe(1);
		expect(result.rounds.map((round) => round.engines[0]!.failed.map((task) => task.error))).toEqual([[], ['Error: only in round 2', 'Error: only in round 2'], []]);
	});
});

describe.runIf(process.platform === 'linux')('adversary cases: an import that never finishes in the units only', () => {
	// Loads at once in the host that checks it (and in async's host); hangs in every unit.
	const source = `import {isMainThread} from 'node:worker_threads';
const inUnit = !isMainThread || process.argv[1]?.endsWith('worker.js');
if (inUnit) await new Promise(() => setInterval(() => {}, 1000));
export default () => 1;`;
	const hung = (units: string) => `not finished: the task module's import did not finish within 10 s in its ${units} (a top-level await that never settles, or a loop that never ends?)`;

	it.each([
		['threads and processes (racing), with --timeout', ['-e', 'threads,processes', '--mode', 'race', '--timeout', '1000'], {threads: hung('threads'), processes: hung('processes')}],
		['--threads spawn', ['-e', 'threads', '--threads', 'spawn'], {threads: "the task module's import did not finish within 10 s in its thread (a top-level await that never settles, or a loop that never ends?)"}],
	] as const)('%s: each engine gives up after 10 s and records every task with why', async (name, args, reasons) => {
		const {run, result} = await runModule(`import-hangs-in-units-${name.replaceAll(/\W+/g, '-')}`, source, ['-n', '3', '-p', '2', ...args]);
		expect(run.code).toBe(1);
		expect(run.ms).toBeGreaterThan(9000);
		expect(reasonsOf(result)).toEqual(Object.fromEntries(Object.entries(reasons).map(([engine, reason]) => [engine, [reason, reason, reason]])));
	});
});

describe.runIf(process.platform === 'linux')('adversary cases: processes that leave the engine on purpose', () => {
	// Each task starts three processes outside its engine's process group: a detached child, a new
	// session, and a double fork whose middle process exits (its child is re-parented to init).
	const source = `import {spawn} from 'node:child_process';
export default async () => {
	spawn('sleep', ['60'], {detached: true, stdio: 'ignore'}).unref();
	spawn('setsid', ['sleep', '60'], {stdio: 'ignore'}).unref();
	spawn('sh', ['-c', '(sleep 60 &) &'], {stdio: 'ignore'});
	await new Promise((resolve) => setTimeout(resolve, 200));
};`;
	it.each([
		['in a cgroup of their own', {}],
		['by the marker they inherit (no cgroup)', {CONCUR_TUI_CGROUP: 'off'}],
	])('found %s and ended with their engine, every engine, racing over 2 rounds', async (name, env) => {
		const run = await runMarked(['--task', moduleFile(`escapes-${name.replaceAll(/\W+/g, '-')}`, source), '-n', '2', '-p', '2', ...allEngines, '--mode', 'race', '--runs', '2', '--json'], hangMs, env);
		expect(run.leftover, 'processes left running').toEqual([]);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
	});
});

describe.runIf(process.platform === 'linux')('adversary cases: task text never reaches the terminal raw', () => {
	const hostile = '\u001b]0;pwned\u0007\u001b[2J';
	it('a thrown message with escape sequences: escaped in the JSON record and in the plain report', async () => {
		const source = `export default () => { throw new Error(${JSON.stringify(hostile)}); };`;
		const {result} = await runModule('escapes', source, ['-n', '2', ...allEngines]);
		for (const engine of result.engines) for (const task of engine.tasks) expect(task.error).toBe(String.raw`Error: \x1b]0;pwned\x07\x1b[2J`);
		const report = await runMarked(['--task', moduleFile('escapes-report', source), '-n', '2', '-e', 'async'], hangMs);
		expect(report.stdout).toContain(String.raw`Error: \x1b]0;pwned\x07\x1b[2J`);
		expect(report.stdout).not.toContain('\u001b]0;');
		expect(report.stdout).not.toContain('\u0007');
	});

	it('a module that fails to load with escapes and newlines in its error: one line on stderr, exit 2, escaped', async () => {
		const run = await runMarked(['--task', moduleFile('escapes-at-import', `throw new Error(${JSON.stringify(`${hostile}\nsecond line`)});\nexport default () => 1;`), '--json'], hangMs);
		expect(run.code).toBe(2);
		expect(run.stderr.split('\n')).toHaveLength(2);
		expect(run.stderr).not.toContain('\u001b');
		expect(run.stderr).toContain(String.raw`\x1b]0;pwned`);
	});
});

describe.runIf(process.platform === 'linux')('adversary cases: interrupted', () => {
	it('SIGINT while async runs: every configured task of every engine is recorded "not finished: interrupted"', async () => {
		const child = spawn(process.execPath, [cliPath, '-w', 'sleep', '--task-ms', '3000', '-n', '3', '--json'], {env: userEnv(), stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
		// The async engine has started once its host's tasks are asleep: the run is a few hundred ms in.
		await waitFor(() => false, 1500);
		child.kill('SIGINT');
		expect(await exited, stderr).toBe(130);
		const result = JSON.parse(stdout) as RunResult;
		expect(reasonsOf(result)).toEqual({
			async: Array.from({length: 3}, () => 'not finished: interrupted'),
			threads: Array.from({length: 3}, () => 'not finished: interrupted'),
			processes: Array.from({length: 3}, () => 'not finished: interrupted'),
		});
	});
});
