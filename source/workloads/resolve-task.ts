import type {WorkloadSpec} from './workload-spec.js';
import type {TaskFunction} from './task-function.js';
import {loadTaskModule} from './user-module.js';
import {workloadBuilders} from './registry.js';
import {OwnPromise, parseJson} from '../util/own-globals.js';

export type {WorkloadSpec} from './workload-spec.js';

function builtinTask(spec: WorkloadSpec): TaskFunction {
	if (spec.workload === 'module') throw new Error('a task module is loaded, not built in');
	return workloadBuilders[spec.workload](spec);
}

/**
 * A module's task as it is called: its input is {index, taskMs}, or with --task-arg that JSON
 * (parsed for each task, so no task sees another's changes); the index and size are in its
 * context either way.
 */
function withInput(task: TaskFunction, taskArg: string | null): TaskFunction {
	return (input, context) => task(taskArg === null ? input : (parseJson(taskArg) as typeof input), {...context, index: input.index, taskMs: input.taskMs});
}

/** Awaited, not `.then`: a module may have replaced Promise.prototype.then as it loaded. */
async function moduleTask(path: string, taskArg: string | null): Promise<TaskFunction> {
	return withInput(await loadTaskModule(path), taskArg);
}

let resolved: {key: string; task: Promise<TaskFunction>} | undefined;

/** The task function for a workload, made once per unit of execution and reused. */
export async function resolveTask(spec: WorkloadSpec): Promise<TaskFunction> {
	// A unit serves one run: one workload, so one cached function.
	const key = JSON.stringify(spec);
	if (resolved?.key !== key) {
		const task = spec.workload === 'module' && spec.modulePath ? moduleTask(spec.modulePath, spec.taskArg) : OwnPromise.resolve(builtinTask(spec));
		resolved = {key, task};
	}

	return resolved.task;
}
