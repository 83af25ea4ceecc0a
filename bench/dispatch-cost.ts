// Dispatch: how many tiny tasks a second each pool engine turns over, against the pool library it
// wraps (driven two ways) and against bare worker_threads / child_process round trips.
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {Worker} from 'node:worker_threads';
import workerpool from 'workerpool';
import {RunBus} from '../source/bus/run-bus.js';
import {defaultRunConfig} from '../source/config/defaults.js';
import {tasksInPoolAtOnce} from '../source/engines/host/pool-engine.js';
import {machineInfo} from '../source/measure/machine-info.js';
import {runEngines} from '../source/orchestrator/run-engines.js';
import {distFile} from '../source/util/dist-file.js';
import type {Row} from './dashboard-cost.js';

const tasks = 20_000;
const units = 2;
const rounds = 5;
type Runtime = 'thread' | 'process';

async function engineMs(engine: 'threads' | 'processes'): Promise<number> {
	const result = await runEngines({...defaultRunConfig(units), workload: 'noop', tasks, taskMs: 1, pool: units, engines: [engine]}, new RunBus(), machineInfo());
	return result.engines[0]?.elapsedMs ?? Number.NaN;
}

/** workerpool alone, its worker doing nothing: every task handed over at once, or a few per unit at a time (as the engines do). */
async function barePoolMs(workerType: Runtime, handedAtOnce: number): Promise<number> {
	const pool = workerpool.pool(distFile('bare-worker.js'), {workerType, minWorkers: units, maxWorkers: units, forkOpts: {execArgv: []}});
	try {
		await Promise.all([pool.exec('noop', []), pool.exec('noop', [])]);
		const start = performance.now();
		await new Promise<void>((resolve) => {
			let next = 0;
			let ended = 0;
			const send = () => {
				void pool.exec('noop', []).then(() => {
					if (++ended === tasks) resolve();
					else if (next < tasks) send();
				});
				next++;
			};

			while (next < Math.min(tasks, handedAtOnce)) send();
		});
		return performance.now() - start;
	} finally {
		await pool.terminate(true);
	}
}

/** The physical floor: each of 2 units answers one message at a time (a round trip per task), no library. */
async function roundTripMs(runtime: Runtime): Promise<number> {
	const echo = runtime === 'thread' ? "require('node:worker_threads').parentPort.on('message', (m) => require('node:worker_threads').parentPort.postMessage(m))" : "process.on('message', (m) => process.send(m))";
	const peers = Array.from({length: units}, () => {
		let onReply: (message: number) => void = () => undefined;
		if (runtime === 'thread') {
			const worker = new Worker(echo, {eval: true});
			worker.on('message', (message: number) => onReply(message));
			return {send: (message: number) => worker.postMessage(message), reply: (f: typeof onReply) => (onReply = f), end: async () => worker.terminate()};
		}

		const child = spawn(process.execPath, ['-e', echo], {stdio: ['ignore', 'ignore', 'ignore', 'ipc']});
		child.on('message', (message: number) => onReply(message));
		return {send: (message: number) => child.send(message), reply: (f: typeof onReply) => (onReply = f), end: async () => {
				const exited = once(child, 'exit');
				child.kill();
				await exited;
			}};
	});
	try {
		// One round trip each first: start-up is not dispatch.
		await Promise.all(
			peers.map(async (peer) =>
				new Promise((resolve) => {
					peer.reply(resolve);
					peer.send(0);
				}),
			),
		);
		const start = performance.now();
		let sent = 0;
		await Promise.all(
			peers.map(async (peer) =>
				new Promise<void>((resolve) => {
					peer.reply(() => {
						if (sent < tasks) peer.send(sent++);
						else resolve();
					});
					peer.send(sent++);
				}),
			),
		);
		return performance.now() - start;
	} finally {
		await Promise.all(peers.map(async (peer) => peer.end()));
	}
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const perSecond = (ms: number) => Math.round((tasks / ms) * 1000).toLocaleString('en');
const spread = (ratios: readonly number[]) => `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}`;

const before: Record<Runtime, string> = {thread: '0.73', process: '0.72'};

/**
 * Five rounds, each running the engine, the bare pool both ways and the round trips one after
 * another, so drift on a noisy machine hits all alike; a ratio per round, the median shown with
 * the spread.
 */
export async function dispatchCost(): Promise<Row[]> {
	const rows: Row[] = [];
	for (const [engine, runtime] of [['threads', 'thread'], ['processes', 'process']] as const) {
		const times = {ours: [] as number[], allAtOnce: [] as number[], fewAtOnce: [] as number[], roundTrips: [] as number[]};
		for (let round = 0; round < rounds; round++) {
			/* eslint-disable no-await-in-loop -- one measurement at a time */
			times.ours.push(await engineMs(engine));
			times.allAtOnce.push(await barePoolMs(runtime, tasks));
			times.fewAtOnce.push(await barePoolMs(runtime, tasksInPoolAtOnce(units, tasks)));
			times.roundTrips.push(await roundTripMs(runtime));
			/* eslint-enable no-await-in-loop */
		}

		const ratios = (bare: readonly number[]) => bare.map((ms, round) => ms / times.ours[round]!);
		const allAtOnce = ratios(times.allAtOnce);
		const fewAtOnce = ratios(times.fewAtOnce);
		const roundTrips = ratios(times.roundTrips);
		const ours = `${perSecond(median(times.ours))} tasks/s`;
		rows.push(
			{
				measure: `dispatch ${tasks.toLocaleString('en')} tiny tasks, pool ${units}: ${engine} engine (${ours}) vs bare workerpool given every task at once (${perSecond(median(times.allAtOnce))} tasks/s); median of ${rounds} rounds`,
				figure: `${median(allAtOnce).toFixed(2)} of its throughput (spread ${spread(allAtOnce)})`,
				before: before[runtime],
				target: '≥ 0.85 (0.9 stretch)',
				met: median(allAtOnce) >= 0.85,
			},
			{
				measure: `the same vs bare workerpool given ${tasksInPoolAtOnce(units, tasks)} tasks at a time, as the engine does (${perSecond(median(times.fewAtOnce))} tasks/s)`,
				figure: `${median(fewAtOnce).toFixed(2)} (spread ${spread(fewAtOnce)})`,
				target: '≥ 0.85',
				met: median(fewAtOnce) >= 0.85,
			},
			{
				measure: `the same vs bare ${runtime === 'thread' ? 'worker_threads postMessage' : 'child_process.fork send'} round trips, one task per unit at a time (${perSecond(median(times.roundTrips))} tasks/s)`,
				figure: `${median(roundTrips).toFixed(2)} (spread ${spread(roundTrips)})`,
				target: 'measured',
				met: null,
			},
		);
	}

	return rows;
}
