import {availableParallelism, cpus, freemem} from 'node:os';
import type {Capacity} from '../config/scale-check.js';
import type {MachineInfo} from '../model/result-types.js';

export function machineInfo(): MachineInfo {
	return {
		cores: availableParallelism(),
		onlineCores: cpus().length || availableParallelism(),
		cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
		node: process.version,
		platform: `${process.platform}-${process.arch}`,
	};
}

/** Cores and the memory available right now (on Linux, MemAvailable). */
export function machineCapacity(): Capacity {
	return {cores: availableParallelism(), availableMemoryBytes: freemem()};
}
