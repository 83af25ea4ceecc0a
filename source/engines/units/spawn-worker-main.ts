// Entry of a thread spawned for one task by worker-threads-pool (dist/spawn-worker.js).
import {parentPort, workerData} from 'node:worker_threads';
import {resolveTask, type WorkloadSpec} from '../../workloads/resolve-task.js';
import {describeError} from '../../util/describe-error.js';
import {messageReporter, runTask, taskFailure, type TaskOutcome, type UnitReport} from './run-task.js';
import {guardObjectThen} from '../../util/then-guard.js';

export type SpawnWorkerData = {readonly id: number; readonly spec: WorkloadSpec};
export type SpawnWorkerMessage = UnitReport | {readonly kind: 'end'; readonly outcome: TaskOutcome};

guardObjectThen();
const {id, spec} = workerData as SpawnWorkerData;
const send = (message: SpawnWorkerMessage) => parentPort?.postMessage(message);
let outcome: TaskOutcome;
try {
	const task = await resolveTask(spec);
	outcome = await runTask(id, task, spec.taskMs, messageReporter(send), {timeoutMs: spec.timeoutMs});
} catch (error) {
	outcome = taskFailure(id, describeError(error));
}

send({kind: 'end', outcome});
