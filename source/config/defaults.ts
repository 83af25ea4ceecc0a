import {engineNames, type PresetName, type RunConfig} from '../model/run-config.js';

/**
 * Defaults that show the contrast on a first run and finish in about 10 s on 2 to 256 cores:
 * the async engine runs every task one after another (tasks x taskMs, about 4 s at most), and
 * the pools divide that by the cores. On 2 cores: 8 tasks of 300 ms.
 */
export function defaultTaskShape(cores: number): {tasks: number; taskMs: number} {
	const tasks = Math.max(8, 2 * cores);
	return {tasks, taskMs: defaultTaskMs(tasks)};
}

/** A task's default length for `tasks` tasks, as the help says: 4000 / tasks ms, 10 to 300. */
export function defaultTaskMs(tasks: number): number {
	return Math.min(300, Math.max(10, Math.round(4000 / tasks)));
}

/**
 * The default pool on `cores` allowed cores: one unit a core, and never fewer than 2, so a run
 * allowed a single core (--cpus 0, an outside taskset) still shows two units taking turns on it:
 * concurrent, not parallel.
 */
function defaultPool(cores: number): number {
	return Math.max(2, cores);
}

/** Every setting at its default on `cores` cores: what the flags, presets and tests start from. */
export function defaultRunConfig(cores: number): RunConfig {
	return {
		workload: 'cpu',
		modulePath: null,
		...defaultTaskShape(cores),
		pool: defaultPool(cores),
		mode: 'sequential',
		engines: [...engineNames],
		threads: 'pool',
		preset: null,
		timeoutMs: null,
		heapLimitMb: null,
		runs: 1,
		cpus: null,
		netPort: null,
		uvThreads: null,
		taskArg: null,
	};
}

/** The seed's programs: asyncio.gather / threading.Thread (seed-io) and Pool.map (seed-cpu). */
export function presetConfig(preset: PresetName, cores: number): Partial<RunConfig> {
	switch (preset) {
		case 'seed-io': {
			return {workload: 'sleep', tasks: 3, taskMs: 2000, pool: 3, threads: 'spawn'};
		}

		case 'seed-cpu': {
			return {workload: 'cpu', tasks: 4, taskMs: 700, pool: defaultPool(cores)};
		}
	}
}
