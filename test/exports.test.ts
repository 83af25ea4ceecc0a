// Export targets (--trace, --save): checked before the run, written into when they are not
// regular files (never replaced), followed through symlinks, and one run id in every file.
import {execFileSync, spawn} from 'node:child_process';
import {chownSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {jsonChunks} from '../source/report/json-chunks.js';
import type {RunResult} from '../source/model/result-types.js';
import {waitFor} from './helpers/process-tree.js';
import {cliPath, runCli, userEnv} from './helpers/run-cli.js';

const quickRun = ['-w', 'sleep', '-n', '2', '--task-ms', '20', '-e', 'async'];
const fresh = () => mkdtempSync(join(tmpdir(), 'concur-export-'));
const isRoot = process.getuid?.() === 0;

describe('export targets that cannot take a file', () => {
	const folder = fresh();
	mkdirSync(join(folder, 'a-folder'));
	if (process.platform !== 'win32') execFileSync('mkfifo', [join(folder, 'a-pipe')]);
	const cases: Array<[string, string, RegExp]> = [
		['a directory', join(folder, 'a-folder'), /is a directory/],
		['a missing folder', join(folder, 'missing', 'run.json'), /the folder .* does not exist/],
		['a folder where nothing can be created', '/proc/concur-tui.json', /cannot be written/],
	];
	if (process.platform !== 'win32') cases.push(['a named pipe (no reader would block the export)', join(folder, 'a-pipe'), /is a pipe/]);
	it.each(cases)('%s: one line and exit 2 before any engine runs', async (_name, path, message) => {
		for (const flag of ['--trace', '--save']) {
			// eslint-disable-next-line no-await-in-loop
			const run = await runCli([...quickRun, '--json', flag, path]);
			expect(run.code).toBe(2);
			expect(run.stdout).toBe('');
			expect(run.stderr).toMatch(message);
			expect(run.stderr.trim().split('\n')).toHaveLength(1);
		}
	});
});

describe('export targets that are not plain files', () => {
	it('writes into a device and never replaces it', async () => {
		const folder = fresh();
		const device = join(folder, 'null-device');
		if (isRoot) execFileSync('mknod', [device, 'c', '1', '3']);
		const target = isRoot ? device : '/dev/null';
		const run = await runCli([...quickRun, '--trace', target, '--save', target]);
		expect(run.code).toBe(0);
		expect(statSync(target).isCharacterDevice()).toBe(true);
		expect(readdirSync(folder).filter((entry) => entry.endsWith('.tmp'))).toEqual([]);
	});

	it('follows a symlink: the link stays, its target gets the document', async () => {
		const folder = fresh();
		const real = join(folder, 'real.json');
		writeFileSync(real, 'old');
		symlinkSync('real.json', join(folder, 'link.json'));
		const run = await runCli([...quickRun, '--save', join(folder, 'link.json')]);
		expect(run.code).toBe(0);
		expect(lstatSync(join(folder, 'link.json')).isSymbolicLink()).toBe(true);
		expect((JSON.parse(readFileSync(real, 'utf8')) as RunResult).schema).toBe(2);
		expect(readdirSync(folder).sort()).toEqual(['link.json', 'real.json']);
	});
});

/** An export is being written in `folder`: its temporary file has content (the flag check's is empty). */
function writingIn(folder: string): boolean {
	return readdirSync(folder).some((entry) => {
		try {
			return entry.endsWith('.tmp') && statSync(join(folder, entry)).size > 0;
		} catch {
			return false;
		}
	});
}

describe('export files', () => {
	it('carry one run id in every export of a run, and a new one for the next run', async () => {
		const folder = fresh();
		const save = join(folder, 'run.json');
		const trace = join(folder, 'run.trace.json');
		const first = await runCli([...quickRun, '--json', '--save', save, '--trace', trace]);
		const printed = JSON.parse(first.stdout) as RunResult;
		expect(printed.runId).toMatch(/^[\da-f-]{36}$/);
		expect((JSON.parse(readFileSync(save, 'utf8')) as RunResult).runId).toBe(printed.runId);
		expect((JSON.parse(readFileSync(trace, 'utf8')) as {otherData: {runId: string}}).otherData.runId).toBe(printed.runId);
		const second = await runCli([...quickRun, '--json', '--save', save]);
		expect((JSON.parse(second.stdout) as RunResult).runId).not.toBe(printed.runId);
	});

	it('a signal while the exports are written: the file is whole, the exit code says the signal (143)', async () => {
		const folder = fresh();
		const save = join(folder, 'run.json');
		const child = spawn(process.execPath, [cliPath, '-w', 'sleep', '-n', '100000', '--task-ms', '1', '-e', 'async', '--save', save], {env: userEnv(), stdio: 'ignore'});
		const exited = new Promise((resolve) => child.on('exit', resolve));
		expect(await waitFor(() => writingIn(folder), 30_000, 2)).toBe(true);
		child.kill('SIGTERM');
		expect(await exited).toBe(143);
		const saved = JSON.parse(readFileSync(save, 'utf8')) as RunResult;
		expect(saved.engines[0]!.tasks).toHaveLength(100_000);
		expect(readdirSync(folder)).toEqual(['run.json']);
	});

	it('kill -9 mid-export leaves the target untouched; the next export removes the temporary file', async () => {
		const folder = fresh();
		const save = join(folder, 'run.json');
		writeFileSync(save, 'the previous run');
		// 100,000 tasks make a 30 MB document: SIGKILL lands while it is being written.
		const child = spawn(process.execPath, [cliPath, '-w', 'sleep', '-n', '100000', '--task-ms', '1', '-e', 'async', '--save', save], {env: userEnv(), stdio: 'ignore'});
		const exited = new Promise((resolve) => child.on('exit', resolve));
		expect(await waitFor(() => writingIn(folder), 30_000, 2)).toBe(true);
		child.kill('SIGKILL');
		await exited;
		expect(readFileSync(save, 'utf8')).toBe('the previous run');
		expect(readdirSync(folder).filter((entry) => entry.endsWith('.tmp'))).toHaveLength(1);
		const run = await runCli([...quickRun, '--save', save]);
		expect(run.code).toBe(0);
		expect(readdirSync(folder)).toEqual(['run.json']);
		expect((JSON.parse(readFileSync(save, 'utf8')) as RunResult).schema).toBe(2);
	});
});

describe('jsonChunks', () => {
	it('writes what JSON.stringify writes, in pieces', () => {
		const value = {a: [1, {b: [], c: {}, d: 'x\ny', e: undefined, f: null}], g: {h: [[1, 2], []], i: true}, j: new Date(0), k: []};
		for (const space of [0, 2]) expect([...jsonChunks(value, space)].join('')).toBe(JSON.stringify(value, null, space));
		expect([...jsonChunks([1, 2, 3], 2)].length).toBeGreaterThan(3);
	});

	it('opens an array member that holds a long list (an engine and its tasks): no piece holds them all', () => {
		const tasks = Array.from({length: 10_000}, (_, id) => ({id, startMs: id / 3, endMs: id / 3 + 1, ok: true, error: null, busy: [0.5, 1]}));
		const document = {engines: [{engine: 'threads', elapsedMs: 12.5, tasks, lanes: [{id: 0}]}], verdict: 'x'};
		for (const space of [0, 2]) {
			const pieces = [...jsonChunks(document, space)];
			expect(pieces.join('')).toBe(JSON.stringify(document, null, space));
			// The longest piece is one task, not the engine.
			expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(300);
		}
	});
});

// Cases an adversary found: an export keeps what the user had (mode, owner, links, other files)
// and says which flag failed, each failure in one line, the other export still written.
describe.runIf(process.platform === 'linux')('exports keep what they were not asked to change', () => {
	it('replacing a 0600 file keeps it 0600 (never world-readable)', async () => {
		const save = join(fresh(), 'private.json');
		writeFileSync(save, 'old', {mode: 0o600});
		const run = await runCli([...quickRun, '--save', save]);
		expect(run.code).toBe(0);
		expect(statSync(save).mode & 0o777).toBe(0o600);
		expect((JSON.parse(readFileSync(save, 'utf8')) as RunResult).schema).toBe(2);
	});

	it.runIf(isRoot)("replacing another user's file keeps its owner", async () => {
		const save = join(fresh(), 'theirs.json');
		writeFileSync(save, 'old');
		chownSync(save, 1234, 1234);
		const run = await runCli([...quickRun, '--save', save]);
		expect(run.code).toBe(0);
		expect([statSync(save).uid, statSync(save).gid]).toEqual([1234, 1234]);
	});

	it('a dangling symlink stays a link; the file appears where it points', async () => {
		const folder = fresh();
		symlinkSync('later.json', join(folder, 'link.json'));
		const run = await runCli([...quickRun, '--save', join(folder, 'link.json')]);
		expect(run.code).toBe(0);
		expect(lstatSync(join(folder, 'link.json')).isSymbolicLink()).toBe(true);
		expect((JSON.parse(readFileSync(join(folder, 'later.json'), 'utf8')) as RunResult).schema).toBe(2);
	});

	it('a hard link stays linked: both names show the new document', async () => {
		const folder = fresh();
		writeFileSync(join(folder, 'a.json'), 'old');
		linkSync(join(folder, 'a.json'), join(folder, 'b.json'));
		const run = await runCli([...quickRun, '--save', join(folder, 'a.json')]);
		expect(run.code).toBe(0);
		expect(statSync(join(folder, 'a.json')).ino).toBe(statSync(join(folder, 'b.json')).ino);
		expect((JSON.parse(readFileSync(join(folder, 'b.json'), 'utf8')) as RunResult).schema).toBe(2);
	});

	it("never touches a file it did not create: a user's .notes.json.999999.tmp stays", async () => {
		const folder = fresh();
		writeFileSync(join(folder, '.notes.json.999999.tmp'), 'mine');
		const run = await runCli([...quickRun, '--save', join(folder, 'notes.json')]);
		expect(run.code).toBe(0);
		expect(readFileSync(join(folder, '.notes.json.999999.tmp'), 'utf8')).toBe('mine');
		expect(readdirSync(folder).sort()).toEqual(['.notes.json.999999.tmp', 'notes.json']);
	});

	it('a 255-character file name is written (its temporary name is short)', async () => {
		const save = join(fresh(), `${'n'.repeat(250)}.json`);
		const run = await runCli([...quickRun, '--save', save]);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect((JSON.parse(readFileSync(save, 'utf8')) as RunResult).schema).toBe(2);
	});

	it('--save and --trace onto one file: refused before the run, one line, exit 2', async () => {
		const folder = fresh();
		const run = await runCli([...quickRun, '--save', join(folder, 'x.json'), '--trace', join(folder, 'x.json')]);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/^concur-tui: --save .* and --trace .* name the same file; give each its own\n$/);
		expect(readdirSync(folder)).toEqual([]);
	});

	it("--trace onto the task module: refused, the user's code untouched", async () => {
		const module = join(fresh(), 'task.mjs');
		writeFileSync(module, 'export default () => 1;\n');
		const run = await runCli(['--task', module, '-n', '1', '--trace', module]);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/^concur-tui: --trace .* is the task module; writing there would replace its code\n$/);
		expect(readFileSync(module, 'utf8')).toBe('export default () => 1;\n');
	});

	it('an export that fails after the run (/dev/full) names its flag, the other export is still written, exit 74', async () => {
		const save = join(fresh(), 'run.json');
		const run = await runCli([...quickRun, '--trace', '/dev/full', '--save', save]);
		expect(run.code).toBe(74);
		expect(run.stderr).toBe('concur-tui: --trace /dev/full not written: ENOSPC\n');
		expect((JSON.parse(readFileSync(save, 'utf8')) as RunResult).schema).toBe(2);
	});

	it('--save /dev/stdout into a pipe: says it is a pipe and how to get the document, exit 2', async () => {
		const run = await runCli([...quickRun, '--save', '/dev/stdout']);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/^concur-tui: --save \/dev\/stdout is a (pipe|socket); .*--json prints the document.*\n$/);
	});

	it('a path with a newline in it: the message stays one line', async () => {
		const run = await runCli([...quickRun, '--save', join(fresh(), 'missing\nfolder', 'run.json')]);
		expect(run.code).toBe(2);
		expect(run.stderr.split('\n')).toHaveLength(2);
		expect(run.stderr).toContain(String.raw`missing\x0afolder`);
	});
});
