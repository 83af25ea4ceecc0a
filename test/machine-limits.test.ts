// A machine's limits seen as such: under a process limit (a pids cgroup, as containers set with
// --pids-limit), a memory limit (a memory cgroup, whose out-of-memory killer sends SIGKILL) and an
// open-file limit (ulimit -n), concur-tui never hangs, records every task, names the limit, and
// leaves nothing behind (its reaper included). The cgroups need a user who may make them (root
// here and in CI); the open-file limit needs nothing.
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
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

const memoryRoot = '/sys/fs/cgroup/memory';
const memoryGroup = join(memoryRoot, `concur-test-${randomUUID().slice(0, 8)}`);
const canLimitMemory = (() => {
	if (process.platform !== 'linux') return false;
	try {
		mkdirSync(memoryGroup);
		return true;
	} catch {
		return false;
	}
})();

/** Runs a shell line (the CLI at its end) with a 60 s bound. */
async function runShell(line: string, args: readonly string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
	const child = spawn('sh', ['-c', `${line} && exec "$0" "$@"`, process.execPath, cliPath, ...args], {env: userEnv(), stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const hang = setTimeout(() => child.kill('SIGKILL'), 60_000);
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	clearTimeout(hang);
	return {code, stdout, stderr};
}

const folder = mkdtempSync(join(tmpdir(), 'concur-limits-'));
/**
 * Task 0 keeps memory outside the JS heap (Buffers) until something stops it; the others wait 2 s,
 * long after the limit is reached even on a busy machine (at 200 ms a busy machine let them end first).
 */
const hog = join(folder, 'hog.mjs');
writeFileSync(
	hog,
	`export default async function (input) {
	if (input.index !== 0) { await new Promise((resolve) => setTimeout(resolve, 2000)); return 0; }
	const kept = [];
	for (;;) { kept.push(Buffer.alloc(4 * 1024 * 1024, 1)); await new Promise((resolve) => setImmediate(resolve)); }
}
`,
);
/** Task 0 opens files until it cannot. */
const opener = join(folder, 'opener.mjs');
writeFileSync(opener, "import {openSync} from 'node:fs';\nexport default function (input) { if (input.index === 0) for (;;) openSync('/dev/null', 'r'); return 1; }\n");

describe.runIf(canLimitMemory)('under a memory limit (a memory cgroup\'s out-of-memory killer)', () => {
	afterAll(() => {
		rmdirSync(memoryGroup);
	});

	it.each(['processes', 'async'])('%s: the killed task names the memory limit, not a bare SIGKILL; every task recorded', async (engine) => {
		const v1 = existsSync(join(memoryGroup, 'memory.limit_in_bytes'));
		writeFileSync(join(memoryGroup, v1 ? 'memory.limit_in_bytes' : 'memory.max'), String(300 * 1024 * 1024));
		const run = await runShell(`echo $$ > ${memoryGroup}/cgroup.procs`, ['-e', engine, '--task', hog, '-n', '3', '-p', '2', '--json', '--force']);
		expect(run.code).toBe(1);
		const [result] = [JSON.parse(run.stdout) as RunResult];
		const tasks = result.engines[0]!.tasks;
		expect(tasks).toHaveLength(3);
		const limit = `the memory limit of its cgroup \\(${v1 ? 'memory\\.limit_in_bytes' : 'memory\\.max'} 300 MB\\) was reached: the kernel's out-of-memory killer ended \\d+ process`;
		expect(tasks[0]!.error).toMatch(new RegExp(`killed by SIGKILL: ${limit}`));
		// Processes: the other tasks had their own units; async: they shared the host that was killed.
		if (engine === 'processes') expect(tasks.slice(1).map((task) => task.ok)).toEqual([true, true]);
		else for (const task of tasks) expect(task.error).toMatch(new RegExp(`^not finished: engine host killed by SIGKILL: ${limit}`));
		expect(await waitFor(() => readFileSync(join(memoryGroup, 'cgroup.procs'), 'utf8').trim() === '', 3000)).toBe(true);
	});
});

describe.runIf(process.platform === 'linux')('under an open-file limit (ulimit -n)', () => {
	// Where the line falls between loading and the first host's pipes depends on Node's own use of descriptors.
	it.each([20, 32])('ulimit -n %i, too few descriptors to load or to start a host: one line naming the limit, exit 71, no stack', async (limit) => {
		const run = await runShell(`ulimit -n ${limit}`, ['-w', 'sleep', '--task-ms', '50', '-n', '2', '--json']);
		expect(run.code).toBe(71);
		expect(run.stderr).toMatch(new RegExp(`^concur-tui: could not (?:load concur-tui|start an engine host): the open-file limit of (?:this|its) process was reached \\(ulimit -n ${limit}\\)\\n$`));
	});

	it.each([
		['units that could not start', ['-w', 'sleep', '--task-ms', '50', '-n', '150', '-p', '150', '-e', 'processes,threads', '--force']],
		['a task that opened files until it could not', ['--task', opener, '-n', '2', '-p', '2']],
	])('%s: every task recorded, each failure names the limit', async (_name, args) => {
		const run = await runShell('ulimit -n 100', [...args, '--json']);
		expect(run.code).toBe(1);
		const result = JSON.parse(run.stdout) as RunResult;
		const tasks = Number(args[args.indexOf('-n') + 1]);
		for (const engine of result.engines) {
			expect(engine.tasks).toHaveLength(tasks);
			const failed = engine.tasks.filter((task) => !task.ok);
			expect(failed.length, engine.engine).toBeGreaterThan(0);
			for (const task of failed) expect(task.error).toMatch(/the open-file limit of its process was reached \(ulimit -n 100\)$/);
		}
	});
});
