// The README's task template runs as written: copied from the README, not from this test.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runJson} from './helpers/run-cli.js';

const folder = mkdtempSync(join(tmpdir(), 'concur-tui-readme-'));
afterAll(() => {
	rmSync(folder, {recursive: true, force: true});
});

function readmeTemplate(): string {
	const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
	const section = readme.slice(readme.indexOf('### Your own task module'));
	const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
	if (!code) throw new Error('no task template under "Your own task module" in the README');
	return code;
}

describe('the README\'s task template', () => {
	it('runs on every engine as written, with --task-ms and with --task-arg', async () => {
		const path = join(folder, 'my-task.mjs');
		writeFileSync(path, readmeTemplate());
		for (const args of [['--task-ms', '120'], ['--task-arg', '{"ms":200}']]) {
			// eslint-disable-next-line no-await-in-loop -- one run at a time
			const {run, result} = await runJson(['--task', path, '-n', '4', ...args]);
			expect(run.code, run.stderr).toBe(0);
			for (const engine of result.engines) expect(engine.tasks.every((task) => task.ok), engine.engine).toBe(true);
			// The pools of 2 wait on two at a time: twice the one task's wait at least.
			const waitMs = args[0] === '--task-ms' ? 120 : 200;
			expect(result.engines.find((engine) => engine.engine === 'threads')!.elapsedMs).toBeGreaterThanOrEqual(2 * waitMs);
		}
	});
});
