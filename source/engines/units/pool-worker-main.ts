// Entry of every workerpool worker, thread or process (dist/worker.js). A unit serves one run:
// it gets the run's workload once, when created (workerData for a thread, an argument for a
// process), so each task call carries only its id. 'run' is workerpool's own method name.
import {isMainThread, workerData} from 'node:worker_threads';
import workerpool from 'workerpool';
import {resolveTask, type WorkloadSpec} from '../../workloads/resolve-task.js';
import type {TaskFunction} from '../../workloads/task-function.js';
import {describeError} from '../../util/describe-error.js';
import {messageReporter, runTask, taskFailure, type CrashReport} from './run-task.js';
import {unitIdentity} from './unit-identity.js';
import {guardObjectThen} from '../../util/then-guard.js';

guardObjectThen();
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

/** The task this unit runs now: an uncaught error is said for it. */
let running: number | null = null;
// A thread's uncaught error reaches the host with the thread's death; a process's only on its
// stderr. So a process unit says it on its channel as it dies (the error still ends it).
if (isMainThread) {
	process.on('uncaughtExceptionMonitor', (error) => {
		if (running !== null) workerpool.workerEmit({kind: 'crash', id: running, text: describeError(error)} satisfies CrashReport);
	});
}

workerpool.worker({
	identify: unitIdentity,
	runTask(id: number) {
		if (typeof task === 'string') return taskFailure(id, task);
		running = id;
		return runTask(id, task, spec.taskMs, reporter, {timeoutMs: spec.timeoutMs});
	},
});
