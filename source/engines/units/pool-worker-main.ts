// Entry of every workerpool worker, thread or process (dist/worker.js). 'run' is workerpool's own
// method name, hence 'runTask'. Only this file runs inside the pool's units.

import workerpool from 'workerpool';
import type {WorkloadSpec} from '../../workloads/resolve-task.js';
import {runTask, type UnitReport} from './run-task.js';
import {unitIdentity} from './unit-identity.js';

const isProcess = !(await import('node:worker_threads')).parentPort;
const never = new AbortController().signal;

workerpool.worker({
	identify: unitIdentity,
	runTask: async (id: number, spec: WorkloadSpec) =>
		runTask(id, spec, (message: UnitReport) => workerpool.workerEmit(message), {
			signal: never,
			withProcessStats: isProcess,
		}),
});
