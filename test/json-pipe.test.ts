// --json into a pipe whose reader is slow (`concur-tui --json | jq`, a reader busy elsewhere): the
// document must wait for it, not pile up in concur-tui's memory.
import {spawn, type ChildProcess} from 'node:child_process';
import {closeSync, mkdtempSync, openSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import {cliPath, userEnv} from './helpers/run-cli.js';

const args = [cliPath, '-w', 'sleep', '--task-ms', '1', '-n', '50000', '-e', 'async', '--json'];

/** The process's peak RSS in MB, followed from /proc every 50 ms until it exits. */
async function peakMbOf(child: ChildProcess): Promise<number> {
	let peak = 0;
	const timer = setInterval(() => {
		try {
			const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
			if (kb) peak = Number(kb) / 1024;
		} catch {
			// Gone: its last reading stands.
		}
	}, 50);
	await new Promise((resolve) => child.on('close', resolve));
	clearInterval(timer);
	return peak;
}

describe.runIf(process.platform === 'linux')('--json into a slow pipe', () => {
	it('waits for the reader: the UI process peaks near what it does writing to a file, and the document is whole', async () => {
		const file = join(mkdtempSync(join(tmpdir(), 'concur-json-')), 'result.json');
		const fd = openSync(file, 'w');
		const toFile = spawn(process.execPath, args, {env: userEnv(), stdio: ['ignore', fd, 'ignore']});
		const filePeak = await peakMbOf(toFile);
		closeSync(fd);

		const toPipe = spawn(process.execPath, args, {env: userEnv(), stdio: ['ignore', 'pipe', 'ignore']});
		const pipePeak = peakMbOf(toPipe);
		let text = '';
		toPipe.stdout.setEncoding('utf8');
		// The reader takes the first piece, then looks away for 3 s (the document takes about 1 s to write).
		await new Promise<void>((resolve) => {
			toPipe.stdout.once('data', (chunk: string) => {
				text += chunk;
				toPipe.stdout.pause();
				setTimeout(resolve, 3000);
			});
		});
		toPipe.stdout.on('data', (chunk: string) => (text += chunk));
		toPipe.stdout.resume();
		const peak = await pipePeak;

		const result = JSON.parse(text) as RunResult;
		expect(result.engines[0]?.tasks).toHaveLength(50_000);
		expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({complete: true});
		// Queued whole, the document took the peak from about 90 MB to about 200 here.
		expect(peak).toBeLessThan(filePeak * 1.4);
	});
});
