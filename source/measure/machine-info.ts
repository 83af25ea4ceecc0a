import {availableParallelism, cpus, freemem} from 'node:os';
import type {Capacity} from '../config/scale-check.js';
import type {MachineInfo} from '../model/result-types.js';
import {allowedCores} from './allowed-cores.js';
import {ownCpuBudget} from './cgroup-cpu.js';

export function machineInfo(): MachineInfo {
	const budget = ownCpuBudget();
	return {
		cores: allowedCores(),
		onlineCores: cpus().length || availableParallelism(),
		cpuQuotaCores: budget.quota?.cores ?? null,
		cpuQuotaReadable: budget.readable,
		cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
		node: process.version,
		platform: `${process.platform}-${process.arch}`,
	};
}

/** Cores and the memory available right now (on Linux, MemAvailable). */
export function machineCapacity(): Capacity {
	return {cores: allowedCores(), availableMemoryBytes: freemem()};
}
