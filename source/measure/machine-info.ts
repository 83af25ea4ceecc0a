import {availableParallelism, cpus, freemem} from 'node:os';
import type {Capacity} from '../config/scale-check.js';
import type {MachineInfo} from '../model/result-types.js';
import {allowedCores, cpuQuotaCores} from './allowed-cores.js';

export function machineInfo(): MachineInfo {
	return {
		cores: allowedCores(),
		onlineCores: cpus().length || availableParallelism(),
		cpuQuotaCores: cpuQuotaCores(),
		cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
		node: process.version,
		platform: `${process.platform}-${process.arch}`,
	};
}

/** Cores and the memory available right now (on Linux, MemAvailable). */
export function machineCapacity(): Capacity {
	return {cores: allowedCores(), availableMemoryBytes: freemem()};
}
