// concur-tui's own process keeps V8's young generation at its initial size, headless as in the
// dashboard: at 10,000 tasks on each engine that was the difference between an 80 and a 69 MB peak.
// (Its other setting, a later optimizing compiler, is measured in the bench: it changes CPU, not results.)
import {spawn} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect, it} from 'vitest';
import {cliPath, userEnv} from './helpers/run-cli.js';

it('a headless run of 20,000 tasks ends with the young generation it started with', async () => {
	const reporter = join(mkdtempSync(join(tmpdir(), 'concur-heap-')), 'young-generation.mjs');
	writeFileSync(
		reporter,
		"import v8 from 'node:v8';\nprocess.on('exit', () => process.stderr.write(`young generation ${v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size}\\n`));\n",
	);
	const child = spawn(process.execPath, ['--import', reporter, cliPath, '-e', 'async', '-w', 'sleep', '--task-ms', '1', '-n', '20000', '--json'], {
		env: userEnv(),
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
	const bytes = Number(/young generation (\d+)/.exec(stderr)?.[1]);
	// V8 starts it at 1 MB per semi-space here (2-4 MB in all); grown, it reached 16.
	expect(bytes).toBeGreaterThan(0);
	expect(bytes).toBeLessThanOrEqual(4 * 1024 * 1024);
});
