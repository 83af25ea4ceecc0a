import {spawn} from 'node:child_process';
import {Worker} from 'node:worker_threads';

export type UnitCost = {readonly unit: string; readonly spawnMs: number; readonly memoryBytes: number; readonly memoryOf: string};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** What one more pending async task costs: creation time and heap, over 10,000 of them. */
export async function asyncTaskCost(count = 10_000): Promise<UnitCost> {
	globalThis.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	const start = performance.now();
	const pending = Array.from({length: count}, async () => new Promise<void>((resolve) => setTimeout(resolve, 50)));
	const spawnMs = (performance.now() - start) / count;
	const heapAfter = process.memoryUsage().heapUsed;
	await Promise.all(pending);
	return {unit: 'async task', spawnMs, memoryBytes: (heapAfter - heapBefore) / count, memoryOf: 'heap per pending task'};
}

const threadCode = `
const {parentPort} = require('node:worker_threads');
parentPort.postMessage('up');
parentPort.on('message', () => process.exit(0));`;

/** Start-up to first message of a worker thread, and the process RSS each live one adds. */
export async function threadCost(count = 8): Promise<UnitCost> {
	const workers: Worker[] = [];
	const times: number[] = [];
	const rssBefore = process.memoryUsage().rss;
	for (let i = 0; i < count; i++) {
		const start = performance.now();
		const worker = new Worker(threadCode, {eval: true});
		// Started one at a time: each start-up is measured alone.
		// eslint-disable-next-line no-await-in-loop
		await new Promise((resolve) => worker.once('message', resolve));
		times.push(performance.now() - start);
		workers.push(worker);
	}

	const rssAfter = process.memoryUsage().rss;
	await Promise.all(workers.map(async (worker) => worker.terminate()));
	return {unit: 'worker thread', spawnMs: median(times), memoryBytes: (rssAfter - rssBefore) / count, memoryOf: 'process RSS per live thread'};
}

const processCode = `process.send({rss: process.memoryUsage().rss}); process.on('message', () => process.exit(0));`;

/** Start-up to first IPC message of a forked Node process, and its own RSS. */
export async function processCost(count = 6): Promise<UnitCost> {
	const times: number[] = [];
	const rss: number[] = [];
	for (let i = 0; i < count; i++) {
		const start = performance.now();
		const child = spawn(process.execPath, ['-e', processCode], {stdio: ['ignore', 'ignore', 'ignore', 'ipc']});
		// One at a time, as above.
		// eslint-disable-next-line no-await-in-loop
		const message = await new Promise<{rss: number}>((resolve) => child.once('message', resolve as (m: unknown) => void));
		times.push(performance.now() - start);
		rss.push(message.rss);
		child.kill();
	}

	return {unit: 'process', spawnMs: median(times), memoryBytes: median(rss), memoryOf: 'RSS of the child'};
}
