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
