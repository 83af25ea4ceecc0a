// Entry of a thread spawned for one task by worker-threads-pool (dist/spawn-worker.js).
import {parentPort, workerData} from 'node:worker_threads';
import type {WorkloadSpec} from '../../workloads/resolve-task.js';
import {runTask, type TaskOutcome, type UnitReport} from './run-task.js';

export type SpawnWorkerData = {readonly id: number; readonly spec: WorkloadSpec};
export type SpawnWorkerMessage = UnitReport | {readonly kind: 'end'; readonly outcome: TaskOutcome};

const {id, spec} = workerData as SpawnWorkerData;
const send = (message: SpawnWorkerMessage) => parentPort?.postMessage(message);
const outcome = await runTask(id, spec, send, {signal: new AbortController().signal, withProcessStats: false});
send({kind: 'end', outcome});
