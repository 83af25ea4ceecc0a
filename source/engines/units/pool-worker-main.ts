// Entry of every workerpool worker, thread or process (dist/worker.js). A unit serves one run:
// it gets the run's workload once, when created (workerData for a thread, an argument for a
// process), so each task call carries only its id. 'run' is workerpool's own method name.
import {workerData} from 'node:worker_threads';
import workerpool from 'workerpool';
import {resolveTask, type WorkloadSpec} from '../../workloads/resolve-task.js';
import type {TaskFunction} from '../../workloads/task-function.js';
import {describeError} from '../../util/describe-error.js';
import {messageReporter, runTask, taskFailure} from './run-task.js';
import {unitIdentity} from './unit-identity.js';

const spec = (workerData ?? JSON.parse(process.argv[2] ?? 'null')) as WorkloadSpec;
// With a time budget every start is sent at once: the host watches each running task.
const reporter = messageReporter((message) => {
	workerpool.workerEmit(message);
}, spec.timeoutMs === null);

let task: TaskFunction | string;
try {
	task = await resolveTask(spec);
} catch (error) {
	task = describeError(error);
}

workerpool.worker({
	identify: unitIdentity,
	runTask: (id: number) =>
		typeof task === 'string' ? taskFailure(id, task) : runTask(id, task, spec.taskMs, reporter, {timeoutMs: spec.timeoutMs}),
});
