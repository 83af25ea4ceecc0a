import {isCpuBound, type EngineName, type RunConfig} from '../model/run-config.js';

/** libuv's default thread pool size: async hashing runs on up to this many threads. */
const libuvThreads = Number(process.env.UV_THREADPOOL_SIZE) || 4;

/** How many threads of an engine can want a core at once. */
export function cpuBoundUnits(engine: EngineName, config: RunConfig): number {
	if (!isCpuBound(config.workload)) return 0;
	if (engine === 'async') return config.workload === 'hash' ? Math.min(libuvThreads, config.tasks) : 1;
	return Math.min(config.pool, config.tasks);
}

/** True when the engines running together want more cores than the machine has. */
export function isContended(running: readonly EngineName[], config: RunConfig, cores: number): boolean {
	const units = running.reduce((sum, engine) => sum + cpuBoundUnits(engine, config), 0);
	return units > cores;
}
