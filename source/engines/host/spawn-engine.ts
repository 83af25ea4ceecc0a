import type {Worker} from 'node:worker_threads';
import WorkerThreadsPool from 'worker-threads-pool';
import {epochNow} from '../../measure/clock.js';
import {distFile} from '../../util/dist-file.js';
import type {SpawnWorkerData, SpawnWorkerMessage} from '../units/spawn-worker-main.js';
import {describeError} from '../../util/describe-error.js';
import type {EngineRunner} from './engine-plan.js';
import {LaneRegistry, TaskTracker} from './task-tracker.js';
import {importHungText, importLimitMs, timedOutText} from '../../model/failure-texts.js';
import {unitLossReason} from './unit-loss.js';
import {clearTimeout, OwnPromise, setTimeout} from '../../util/own-globals.js';
import {libuvPoolSize} from '../../measure/libuv-pool.js';

/** Node ends a thread whose top-level await can no longer settle with this code. */
const unsettledAwaitCode = 13;
const unsettledText = "the task's promise never settled and its thread had nothing left to wait for (exit code 13)";

/**
 * A new Worker for every task (worker-threads-pool, at most `plan.pool` at once): the bar of
 * each task starts when its thread is created, so thread start-up cost shows on the timeline.
 */
export const runSpawnEngine: EngineRunner = async (plan, sink, window) => {
	const pool = new WorkerThreadsPool({max: plan.pool});
	const lanes = new LaneRegistry(plan.engine, sink, 'slot');
	const freeSlots = Array.from({length: plan.pool}, () => lanes.open(process.pid, null));
	// Every thread is a new unit; it runs in the lane of the slot it took.
	const slotOfTask = new Map<number, number>();
	const tracker = new TaskTracker(plan.engine, sink, (_pid, _tid, id) => slotOfTask.get(id) ?? 0);
	const t0 = await window.begin();
	sink.emit({name: 'engine:start', data: {engine: plan.engine, t: t0, startupMs: 0, hostPid: process.pid, uvThreads: libuvPoolSize()}});
	tracker.queued(plan.tasks, t0);
	const file = distFile('spawn-worker.js');
	const {timeoutMs} = plan.work;
	const limits = {timeoutMs, heapLimitMb: plan.heapLimitMb};
	const resourceLimits = plan.heapLimitMb === null ? undefined : {maxOldGenerationSizeMb: plan.heapLimitMb};

	const runOne = async (id: number) =>
		new OwnPromise<void>((resolve) => {
			const workerData: SpawnWorkerData = {id, spec: plan.work};
			pool.acquire(file, {workerData, resourceLimits}, (error: Error | null, worker: Worker) => {
				if (error) {
					tracker.onLost(id, describeError(error));
					resolve();
					return;
				}

				const createdT = epochNow();
				const slot = freeSlots.shift() ?? 0;
				slotOfTask.set(id, slot);
				let ended = false;
				let timedOut = false;
				const timer =
					timeoutMs === null
						? undefined
						: setTimeout(() => {
								timedOut = true;
								void worker.terminate();
							}, timeoutMs);
				// Its import of the task module is bounded as the checking host's is: till the task starts.
				let importHung = false;
				const importTimer = setTimeout(() => {
					importHung = true;
					void worker.terminate();
				}, importLimitMs);
				worker.on('message', (message: SpawnWorkerMessage) => {
					clearTimeout(importTimer);
					if (message.kind === 'end') {
						ended = true;
						tracker.onOutcome(message.outcome, createdT);
						// The task's end releases its thread, whatever it left open (an interval, a server):
						// the thread was made for this task alone.
						void worker.terminate();
					} else {
						tracker.onReport(message, message.kind === 'start' ? createdT : undefined);
					}
				});
				worker.once('error', (crash) => {
					if (!ended) tracker.onLost(id, unitLossReason(crash, 'thread', limits));
					ended = true;
				});
				worker.once('exit', (code) => {
					clearTimeout(timer);
					clearTimeout(importTimer);
					if (!ended && importHung && !timedOut) tracker.onLost(id, importHungText('thread'));
					else if (!ended && timedOut && timeoutMs !== null) tracker.onLost(id, timedOutText(timeoutMs, 'its thread was stopped'));
					else if (!ended) tracker.onLost(id, code === unsettledAwaitCode ? unsettledText : `thread exited with code ${code}`);
					freeSlots.push(slot);
					resolve();
				});
			});
		});

	await OwnPromise.all(Array.from({length: plan.tasks}, async (_, id) => runOne(id)));
	const figures = await window.end();
	pool.destroy();
	return {figures, startupMs: 0, childCpuMs: 0, childPeakRssBytes: 0, unitsStarted: plan.tasks};
};
