// A machine's limits seen as such: under a process limit (a pids cgroup, as containers set with
// --pids-limit), concur-tui never hangs, records every task, names the limit, and leaves nothing
// in the cgroup (its reaper included). Needs a pids cgroup this user may make (root here and in CI).
import {spawn} from 'node:child_process';
import {mkdirSync, readFileSync, rmdirSync, writeFileSync} from 'node:fs';
import {randomUUID} from 'node:crypto';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import {waitFor} from './helpers/process-tree.js';
import {cliPath, userEnv} from './helpers/run-cli.js';

const root = '/sys/fs/cgroup/pids';
const group = join(root, `concur-test-${randomUUID().slice(0, 8)}`);

function makeGroup(): boolean {
	try {
		mkdirSync(group);
		return true;
	} catch {
		return false;
	}
}

const members = () => readFileSync(join(group, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean);
const canLimit = process.platform === 'linux' && makeGroup();

/** Runs the CLI inside the limited cgroup (the shell joins it, then becomes concur-tui); past 40 s, what is in the cgroup is the error. */
async function runLimited(max: number, args: readonly string[]): Promise<{code: number | null; stdout: string; stderr: string; ms: number}> {
	writeFileSync(join(group, 'pids.max'), String(max));
	const started = Date.now();
	const child = spawn('sh', ['-c', `echo $$ > ${group}/cgroup.procs && exec "$0" "$@"`, process.execPath, cliPath, ...args], {env: userEnv(), stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	let stuck = '';
	const hang = setTimeout(() => {
		stuck = members()
			.map((pid) => `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ')} (${readFileSync(`/proc/${pid}/wchan`, 'latin1')})`)
			.join('; ');
		child.kill('SIGKILL');
	}, 40_000);
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	clearTimeout(hang);
	if (stuck !== '') throw new Error(`hung past 40 s; in the cgroup: ${stuck}`);
	return {code, stdout, stderr, ms: Date.now() - started};
}

describe.runIf(canLimit)('under a process limit (pids.max)', () => {
	afterAll(() => {
		rmdirSync(group);
	});

	it.each([25, 40])('pids.max %i: bounded, every task recorded, the limit named, nothing left in the cgroup', async (max) => {
		const run = await runLimited(max, ['-w', 'sleep', '--task-ms', '100', '-n', '8', '-p', '4', '-e', 'threads,processes', '--json', '--force']);
		expect(run.ms).toBeLessThan(40_000);
		const named = new RegExp(`the process limit of its cgroup \\(pids\\.max ${max}\\) was reached`);
		if (run.code === 71) {
			// Not even an engine host could start: one line, no stack.
			expect(run.stderr).toMatch(new RegExp(`^concur-tui: could not start an engine host: ${named.source}.*\\n$`));
		} else {
			expect([0, 1]).toContain(run.code);
			const result = JSON.parse(run.stdout) as RunResult;
			for (const engine of result.engines) {
				expect(engine.tasks).toHaveLength(8);
				for (const task of engine.tasks.filter((each) => !each.ok)) expect(task.error).toMatch(named);
			}
		}

		// The reaper, a host or a unit left behind would still be in the cgroup.
		expect(await waitFor(() => members().length === 0, 3000)).toBe(true);
	});
});
