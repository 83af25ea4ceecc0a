import {availableParallelism, cpus} from 'node:os';
import type {MachineInfo} from '../result/result-types.js';

export function machineInfo(): MachineInfo {
	return {
		cores: availableParallelism(),
		cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
		node: process.version,
		platform: `${process.platform}-${process.arch}`,
	};
}
