import {engineKinds} from '../config/engine-kinds.js';
import type {EngineName, RunConfig} from '../model/run-config.js';

/** True when the engines running together want more cores than the machine has. */
export function isContended(running: readonly EngineName[], config: RunConfig, cores: number): boolean {
	const units = running.reduce((sum, engine) => sum + engineKinds[engine].cpuBoundUnits(config), 0);
	return units > cores;
}
