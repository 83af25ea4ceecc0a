// `concur-tui replay FILE`: the plain report of a saved run, as that run printed it.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {fixture, runCli} from './helpers/run-cli.js';

const folder = mkdtempSync(join(tmpdir(), 'concur-tui-replay-'));
afterAll(() => {
	rmSync(folder, {recursive: true, force: true});
});

describe('concur-tui replay', () => {
	it('prints the report the run printed, byte for byte, and exits as the run did', async () => {
		const savePath = join(folder, 'failing.json');
		const run = await runCli(['--task', fixture('throwing-task.mjs'), '-n', '4', '--save', savePath]);
		expect(run.code).toBe(1);
		const replayed = await runCli(['replay', savePath]);
		expect(replayed.stderr).toBe('');
		expect(replayed.stdout).toBe(run.stdout);
		expect(replayed.code).toBe(1);
	});

	it('refuses, in one line and exit 2, a document edited into what concur-tui never writes', async () => {
		const run = await runCli(['-w', 'net', '-n', '2', '--task-ms', '10', '-e', 'async', '--json']);
		expect(run.code).toBe(0);
		type Editable = {engines: Array<{net: {requests: unknown}; elapsedMs: unknown}>; machine: unknown; config: {tasks: number}};
		const edits: Array<[string, (document: Editable) => void, RegExp]> = [
			['a net figure made null', (document) => (document.engines[0]!.net.requests = null), /no report can be made of it \(.*\): a field holds what concur-tui did not write there$/],
			['an elapsed time in words', (document) => (document.engines[0]!.elapsedMs = 'fast'), /engines\[0\]\.elapsedMs is "fast", not what concur-tui writes there$/],
			['no machine', (document) => (document.machine = null), /"machine" is not the machine concur-tui describes/],
			['a negative task count', (document) => (document.config.tasks = -5), /"config" is not a run's settings/],
		];
		for (const [what, edit, message] of edits) {
			const document = JSON.parse(run.stdout) as Editable;
			edit(document);
			const path = join(folder, 'edited.json');
			writeFileSync(path, JSON.stringify(document));
			// eslint-disable-next-line no-await-in-loop -- one file at a time
			const replayed = await runCli(['replay', path]);
			expect(replayed.code, what).toBe(2);
			expect(replayed.stdout, what).toBe('');
			expect(replayed.stderr.trimEnd().split('\n'), what).toHaveLength(1);
			expect(replayed.stderr.trimEnd(), what).toMatch(message);
		}

		// Saved before --uv-threads, --net-port and --task-arg existed: nothing said of them.
		const older = JSON.parse(run.stdout) as {config: Record<string, unknown>};
		delete older.config.uvThreads;
		delete older.config.netPort;
		delete older.config.taskArg;
		writeFileSync(join(folder, 'older.json'), JSON.stringify(older));
		const replayed = await runCli(['replay', join(folder, 'older.json')]);
		expect(replayed.code).toBe(0);
		expect(replayed.stdout.split('\n')[0]).toMatch(/^concur-tui · net · 2 tasks × 10\.0 ms · \d+ cores?$/);
		expect(replayed.stdout).not.toContain('undefined');
	});

	it('gives no line to an engine an interrupted run never started', async () => {
		const savePath = join(folder, 'interrupted.json');
		const run = await runCli(['-w', 'sleep', '-n', '2', '--task-ms', '10', '--save', savePath]);
		expect(run.code).toBe(0);
		const document = JSON.parse(readFileSync(savePath, 'utf8')) as {engines: Array<{hostPid: number | null; lanes: unknown[]; tasks: unknown[]}>};
		// As the collector leaves an engine that never started: no host, no lanes.
		document.engines[2]!.hostPid = null;
		document.engines[2]!.lanes = [];
		writeFileSync(savePath, JSON.stringify(document));
		const replayed = await runCli(['replay', savePath]);
		expect(replayed.stdout).toMatch(/^async: 2 of 2 tasks ok/m);
		expect(replayed.stdout).not.toMatch(/^processes: /m);
	});

	it('shows text from the file escaped: a saved document is untrusted input, as a task\'s text is', async () => {
		const savePath = join(folder, 'ok.json');
		const run = await runCli(['-w', 'sleep', '-n', '2', '--task-ms', '10', '-e', 'async', '--json']);
		expect(run.code).toBe(0);
		const document = JSON.parse(run.stdout) as {verdict: string; engines: Array<{error: string | null}>};
		// A title-setting sequence and a line break, as a hostile file might carry them.
		document.verdict = 'async won\u001B]0;pwned\u0007\nrm -rf';
		document.engines[0]!.error = 'stopped\u001B[2J';
		writeFileSync(savePath, JSON.stringify(document));
		const replayed = await runCli(['replay', savePath]);
		expect(replayed.code).toBe(0);
		expect(replayed.stdout).not.toContain('\u001B');
		expect(replayed.stdout).toContain(String.raw`Verdict: async won\x1b]0;pwned\x07\x0arm -rf`);
		expect(replayed.stdout).toContain(String.raw`stopped\x1b[2J`);
		expect(readFileSync(savePath, 'utf8')).toContain('\\u001b');
	});
});
