import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import type {RunResult} from '../../source/model/result-types.js';

export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** The environment a user's terminal has: no CI variables (Ink draws only the last frame under CI), a UTF-8 locale. */
export function userEnv(extra: Record<string, string> = {}): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && key !== 'CI' && !key.startsWith('CI_')) env[key] = value;
	}

	// A UTF-8 terminal, whatever the machine running the tests has set (a C locale draws ASCII).
	return {...env, LC_ALL: 'C.UTF-8', ...extra};
}

export type CliRun = {readonly code: number | null; readonly stdout: string; readonly stderr: string};

export type CliOptions = {
	cwd?: string;
	env?: Record<string, string>;
	/** A command the CLI runs under, as a user would type it before (`taskset -c 0`). */
	command?: readonly string[];
};

/** Runs the built CLI with stdout piped (so it is not a terminal) and collects everything. */
export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
	return new Promise((resolve, reject) => {
		const [command, ...before] = options.command ?? [];
		const child = spawn(command ?? process.execPath, [...before, ...(command ? [process.execPath] : []), cliPath, ...args], {env: userEnv(options.env), cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			resolve({code, stdout, stderr});
		});
	});
}

/** Runs with --json and parses the result document. */
export async function runJson(args: readonly string[], options: CliOptions = {}): Promise<{run: CliRun; result: RunResult}> {
	const run = await runCli([...args, '--json'], options);
	try {
		return {run, result: JSON.parse(run.stdout) as RunResult};
	} catch {
		throw new Error(`no JSON on stdout (exit ${run.code}): ${run.stderr || run.stdout}`);
	}
}

export function engineOf(result: RunResult, name: 'async' | 'threads' | 'processes') {
	const engine = result.engines.find((candidate) => candidate.engine === name);
	if (!engine) throw new Error(`no ${name} engine in the result`);
	return engine;
}
