import type {WorkloadName} from '../model/run-config.js';
import type {Calibration} from '../model/result-types.js';
import {spin} from './cpu.js';
import {hash} from './hash.js';
import {sleep} from './sleep.js';
import type {TaskFunction} from './task-function.js';
import {loadTaskModule} from './user-module.js';

/** Everything a unit of execution needs to run any task of a run. */
export type WorkloadSpec = {
	readonly workload: WorkloadName;
	readonly modulePath: string | null;
	readonly taskMs: number;
	readonly calibration: Calibration;
	/** Each task's time budget in ms (its signal aborts then), or null. */
	readonly timeoutMs: number | null;
};

function builtinTask(spec: WorkloadSpec): TaskFunction {
	const {taskMs, calibration} = spec;
	const cpuIterations = Math.round(taskMs * calibration.cpuIterationsPerMs);
	switch (spec.workload) {
		case 'cpu': {
			return (_input, context) => spin(cpuIterations, context);
		}

		case 'sleep': {
			return async (_input, context) => sleep(taskMs, context);
		}

		case 'hash': {
			const iterations = Math.round(taskMs * calibration.hashIterationsPerMs);
			return async (_input, context) => hash(iterations, calibration.hashIterationsPerMs, context);
		}

		case 'mixed': {
			// Half the task computes, then half waits: a request handler that parses, then awaits I/O.
			return async (_input, context) => {
				spin(Math.round(cpuIterations / 2), context, 0, 0.5);
				await sleep(taskMs / 2, context, 0.5, 0.5);
			};
		}

		case 'noop': {
			return () => undefined;
		}

		case 'module': {
			throw new Error('a task module is loaded, not built in');
		}
	}
}

let resolved: {key: string; task: Promise<TaskFunction>} | undefined;

/** The task function for a workload, made once per unit of execution and reused. */
export async function resolveTask(spec: WorkloadSpec): Promise<TaskFunction> {
	// A unit serves one run: one workload, so one cached function.
	const key = JSON.stringify(spec);
	if (resolved?.key !== key) {
		const task = spec.workload === 'module' && spec.modulePath ? loadTaskModule(spec.modulePath) : Promise.resolve(builtinTask(spec));
		resolved = {key, task};
	}

	return resolved.task;
}
