import {spawn} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {processesMarked, waitFor} from './process-tree.js';
import {cliPath, userEnv} from './run-cli.js';

export type MarkedRun = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number; leftover: number[]};

/**
 * Runs the built CLI headless with a marker in its environment, which every process it starts
 * inherits: what is left afterwards (orphans re-parented to init included, which a walk of the
 * tree from concur-tui would miss) is found by the marker. Past `hangMs` the run is killed: a
 * hang detector, not a timer.
 */
export async function runMarked(args: readonly string[], hangMs: number, env: Record<string, string> = {}): Promise<MarkedRun> {
	const marker = `CONCUR_FAULT_CASE=${randomUUID()}`;
	const [key, value] = marker.split('=') as [string, string];
	const started = Date.now();
	const child = spawn(process.execPath, [cliPath, ...args], {env: userEnv({...env, [key]: value}), stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const hang = setTimeout(() => child.kill('SIGKILL'), hangMs);
	const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
		child.on('close', (exitCode, exitSignal) => {
			resolve([exitCode, exitSignal]);
		});
	});
	clearTimeout(hang);
	const ms = Date.now() - started;
	await waitFor(() => processesMarked(marker).length === 0, 2000);
	return {code, signal, stdout, stderr, ms, leftover: processesMarked(marker)};
}
