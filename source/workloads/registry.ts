import type {BuiltinWorkload} from '../model/run-config.js';
import {spin} from './cpu.js';
import {hash} from './hash.js';
import type {WorkloadSpec} from './workload-spec.js';
import {sleep} from './sleep.js';
import {delayedRequest, netResponseBytes} from './net.js';
import {fileRounds} from './fs.js';
import type {TaskFunction} from './task-function.js';

/** How each built-in workload's task function is made from the run's spec (config/workload-kinds.ts says what it is). */
export const workloadBuilders = {
	cpu: ({taskMs, calibration}) => {
		const iterations = Math.round(taskMs * calibration.cpuIterationsPerMs);
		return (_input, context) => spin(iterations, context);
	},
	sleep: ({taskMs}) => async (_input, context) => sleep(taskMs, context),
	hash: ({taskMs, calibration}) => {
		const iterations = Math.round(taskMs * calibration.hashIterationsPerMs);
		return async (_input, context) => hash(iterations, calibration.hashIterationsPerMs, context);
	},
	// Half the task computes, then half waits: a request handler that parses, then awaits I/O.
	mixed: ({taskMs, calibration}) => {
		const iterations = Math.round(taskMs * calibration.cpuIterationsPerMs);
		return async (_input, context) => {
			spin(Math.round(iterations / 2), context, 0, 0.5);
			await sleep(taskMs / 2, context, 0.5, 0.5);
		};
	},
	net: ({taskMs, netBase}) => async (input, context) => {
		if (netBase === null) throw new Error('-w net needs its delay server, and this run has none');
		await delayedRequest(netBase, taskMs, netResponseBytes, input.index, context);
	},
	// As many write-fsync-read rounds as one thread does in the task's length on this disk.
	fs: ({taskMs, calibration, fsDir}) => {
		const rounds = Math.max(1, Math.round(taskMs * (calibration.fsRoundsPerMs ?? 0)));
		return async (input, context) => {
			if (fsDir === null) throw new Error('-w fs needs the run\'s folder, and this run has none');
			await fileRounds(fsDir, input.index, rounds, context);
		};
	},
	noop: () => () => undefined,
} satisfies Record<BuiltinWorkload | 'noop', (spec: WorkloadSpec) => TaskFunction>;
