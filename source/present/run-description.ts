import {coresText, milliseconds} from '../result/format.js';
import type {RunConfig} from '../model/run-config.js';
import {cpuListText} from '../util/cpu-list.js';
import type {MachineInfo} from '../model/result-types.js';

/**
 * What was run, as the header line and the text report both say it: one list of facts, so the
 * two never describe one run differently. The report adds the module's path and the machine line.
 */
export function runFacts(config: RunConfig, cores: number, withModulePath = false, onlineCores = cores): string[] {
	const module = withModulePath && config.modulePath ? `task module ${config.modulePath}` : 'task module';
	return [
		config.workload === 'module' ? module : config.workload,
		`${config.tasks} tasks × ${milliseconds(config.taskMs)}`,
		`pool ${config.pool}${config.threads === 'spawn' ? ' (thread per task)' : ''}`,
		config.mode,
		...(config.timeoutMs === null ? [] : [`timeout ${milliseconds(config.timeoutMs)}`]),
		...(config.heapLimitMb === null ? [] : [`heap ${config.heapLimitMb} MB`]),
		...(config.runs > 1 ? [`${config.runs} rounds`] : []),
		config.cpus === null ? allowedText(cores, onlineCores) : `pinned to ${config.cpus.length} of ${coresText(cores)} (CPU ${cpuListText(config.cpus)})`,
	];
}

/** "2 cores", or under an outside taskset or cpuset "1 of 2 cores allowed". */
function allowedText(cores: number, onlineCores: number): string {
	return onlineCores > cores ? `${cores} of ${coresText(onlineCores)} allowed` : coresText(cores);
}

export function machineLine(machine: MachineInfo): string {
	return `machine: ${allowedText(machine.cores, machine.onlineCores ?? machine.cores)} · ${machine.cpuModel} · node ${machine.node} · ${machine.platform}`;
}
