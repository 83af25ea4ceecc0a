// The UI process's peak memory as the task count grows, and the dashboard on paper at 256 cores.
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {distFile} from '../source/util/dist-file.js';
import type {Row} from './dashboard-cost.js';
import {frameTimes, paperDashboard} from './paper-run.js';

const cli = distFile('cli.js');

/** VmHWM of a process, in MB, or 0 once it is gone. */
function peakMb(pid: number): number {
	try {
		const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return kb ? Number(kb) / 1024 : 0;
	} catch {
		return 0;
	}
}

/**
 * Runs concur-tui headless (--json to /dev/null) and follows its own peak RSS (not its engines'),
 * every 10 ms: the peak comes in the last 100 ms (the result built and written), after the final
 * reading of a coarser watch (200 ms missed it: 68 MB read for a peak of 82).
 */
async function uiPeakMb(args: readonly string[]): Promise<number> {
	const child = spawn(process.execPath, [cli, ...args, '--json'], {stdio: ['ignore', 'ignore', 'ignore']});
	let peak = 0;
	const timer = setInterval(() => {
		peak = Math.max(peak, peakMb(child.pid!));
	}, 10);
	await new Promise((resolve) => child.on('close', resolve));
	clearInterval(timer);
	return peak;
}

const targets: Record<number, number | null> = {1000: null, 10_000: 80, 100_000: 150};

/** UI peak RSS at 1k, 10k and 100k sleep tasks of 1 ms on all three engines (Linux: read from /proc). */
export async function memoryCost(): Promise<Row[]> {
	if (process.platform !== 'linux') return [];
	const rows: Row[] = [];
	for (const tasks of [1000, 10_000, 100_000]) {
		// eslint-disable-next-line no-await-in-loop -- one at a time, so they do not disturb each other
		const mb = await uiPeakMb(['-w', 'sleep', '--task-ms', '1', '-n', String(tasks), '-p', '2']);
		const target = targets[tasks] ?? null;
		rows.push({
			measure: `UI process peak RSS, ${tasks.toLocaleString('en')} sleep tasks of 1 ms on all three engines (--json)`,
			figure: `${mb.toFixed(0)} MB`,
			target: target === null ? 'measured' : `≤ ${target} MB`,
			met: target === null ? null : mb <= target,
		});
	}

	return rows;
}

/** 256 cores on paper: the 80x24 frame of a run with 256 lanes per pool and 100,000 tasks on each engine, half done. */
export async function paperCost(): Promise<Row[]> {
	const heapBefore = process.memoryUsage().heapUsed;
	const dashboard = await paperDashboard({cores: 256, lanes: 256, tasks: 100_000, nowMs: 400});
	const frameMs = frameTimes(dashboard)[5]!;
	const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
	dashboard.store.dispose();
	return [
		{measure: 'simulated 256 cores × 100,000 tasks on each engine: 80x24 frame build (median of 10)', figure: `${frameMs.toFixed(1)} ms`, target: '≤ 16 ms', met: frameMs <= 16},
		{measure: 'simulated 256 cores × 100,000 tasks on each engine: heap of the store and the bus', figure: `${heapMb.toFixed(0)} MB`, target: '≤ 200 MB', met: heapMb <= 200},
	];
}
