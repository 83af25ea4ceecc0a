import type {WorkloadSpec} from './workload-spec.js';
import type {TaskFunction} from './task-function.js';
import {loadTaskModule} from './user-module.js';
import {workloadBuilders} from './registry.js';
import {OwnPromise} from '../util/own-globals.js';

export type {WorkloadSpec} from './workload-spec.js';

function builtinTask(spec: WorkloadSpec): TaskFunction {
	if (spec.workload === 'module') throw new Error('a task module is loaded, not built in');
	return workloadBuilders[spec.workload](spec);
}

let resolved: {key: string; task: Promise<TaskFunction>} | undefined;

/** The task function for a workload, made once per unit of execution and reused. */
export async function resolveTask(spec: WorkloadSpec): Promise<TaskFunction> {
	// A unit serves one run: one workload, so one cached function.
	const key = JSON.stringify(spec);
	if (resolved?.key !== key) {
		const task = spec.workload === 'module' && spec.modulePath ? loadTaskModule(spec.modulePath) : OwnPromise.resolve(builtinTask(spec));
		resolved = {key, task};
	}

	return resolved.task;
}
