// A render error, provoked by a test build whose engine panels throw mid-run (scripts/build.mjs
// --fault render): the message is shown, the exit code is not 0, the terminal is restored,
// nothing is left running and the partial run is still exported.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import {descendantsOf, stillAlive, waitFor} from './helpers/process-tree.js';
import {PtyScreen} from './helpers/pty-screen.js';

const folder = mkdtempSync(join(tmpdir(), 'concur-fault-'));
// Built code finds its sibling entry points by the folder name dist.
const faultyCli = join(folder, 'dist', 'cli.js');

beforeAll(() => {
	execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', join(folder, 'dist'), '--fault', 'render'], {stdio: 'ignore'});
});

describe.runIf(process.platform === 'linux')('a render error', () => {
	it('is shown in one line, exits 70, restores the terminal, leaves nothing and exports the partial run', async () => {
		const saved = join(folder, 'run.json');
		const shell = new PtyScreen([], {cols: 100, rows: 30}, {
			shellCommand: `"${process.execPath}" "${faultyCli}" -w sleep -n 4 --task-ms 400 -p 2 --save "${saved}"; echo "exit=$?"; stty -a > "${join(folder, 'stty.txt')}"; echo stty-done; sleep 5`,
		});
		try {
			await shell.waitFor((text) => text.includes('render fault build'));
			const tree = descendantsOf(shell.pid).filter((pid) => isConcurTui(pid));
			const text = await shell.waitFor((t) => t.includes('stty-done'), 15_000);
			expect(text).toContain('concur-tui: internal error: the dashboard failed to draw: test fault: a panel cannot be drawn');
			expect(text).toContain('exit=70');
			expect(text).not.toMatch(/\bat \w+ \(|file:\/\//);
			expect(shell.cursorHidden()).toBe(false);
			const modes = readFileSync(join(folder, 'stty.txt'), 'utf8').split(/\s+/);
			expect(modes).toContain('icanon');
			expect(modes).toContain('echo');
			expect(await waitFor(() => stillAlive([...tree, ...descendantsOf(shell.pid).filter((pid) => isConcurTui(pid))]).length === 0, 1000)).toBe(true);
			const result = JSON.parse(readFileSync(saved, 'utf8')) as RunResult;
			expect(result.complete).toBe(false);
		} finally {
			shell.kill();
		}
	});
});

function isConcurTui(pid: number): boolean {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('dist/');
	} catch {
		return false;
	}
}
