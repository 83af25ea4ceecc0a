import {engineKinds} from '../config/engine-kinds.js';
import {coresText, milliseconds} from '../result/format.js';
import {exampleOf, exampleWork} from '../config/examples.js';
import type {RunConfig} from '../model/run-config.js';
import {cpuListText} from '../util/cpu-list.js';
import type {MachineInfo} from '../model/result-types.js';

/**
 * What was run, as the header line and the text report both say it: one list of facts, so the
 * two never describe one run differently. The report adds the module's path and the machine line.
 */
export function runFacts(config: RunConfig, machine: Pick<MachineInfo, 'cores' | 'onlineCores' | 'cpuQuotaCores'>, withModulePath = false): string[] {
	const {cores} = machine;
	const example = config.workload === 'module' ? exampleOf(config.modulePath) : null;
	const module = example ? `example:${example}` : withModulePath && config.modulePath ? `task module ${config.modulePath}` : 'task module';
	const tasks = config.tasks === 1 ? '1 task' : `${config.tasks} tasks`;
	// A module sets its tasks' length itself: the header says its work, never a length it may ignore.
	const shape = config.workload !== 'module' ? `${tasks} × ${milliseconds(config.taskMs)}` : example ? `${tasks}: ${exampleWork[example]}` : `${tasks}, as long as the module makes them`;
	return [
		config.workload === 'module' ? module : config.workload,
		shape,
		// The pool is said only where a pool runs; the mode only where engines could overlap (async alone has neither).
		...(config.engines.some((engine) => !engineKinds[engine].isBaseline) ? [`pool ${config.pool}${config.threads === 'spawn' ? ' (thread per task)' : ''}`] : []),
		...(config.engines.length > 1 ? [config.mode] : []),
		...(config.timeoutMs === null ? [] : [`timeout ${milliseconds(config.timeoutMs)}`]),
		...(config.heapLimitMb === null ? [] : [`heap ${config.heapLimitMb} MB`]),
		...(config.runs > 1 ? [`${config.runs} rounds`] : []),
		...(config.uvThreads === null ? [] : [`libuv pool ${config.uvThreads}`]),
		config.cpus === null ? allowedText(cores, machine.onlineCores ?? cores, machine.cpuQuotaCores ?? null) : `pinned to ${config.cpus.length} of ${coresText(cores)} (CPU ${cpuListText(config.cpus)})`,
	];
}

/**
 * "2 cores", or under an outside taskset, cpuset or CPU quota "1 of 2 cores allowed (CPU quota
 * 1.0)"; a quota of a fraction more says itself beside the cores it lets run at once ("2 cores
 * (CPU quota 1.5)").
 */
function allowedText(cores: number, onlineCores: number, quota: number | null = null): string {
	const why = quota !== null && quota < onlineCores ? ` (CPU quota ${quota.toFixed(1)})` : '';
	return onlineCores > cores ? `${cores} of ${coresText(onlineCores)} allowed${why}` : `${coresText(cores)}${why}`;
}

export function machineLine(machine: MachineInfo): string {
	// Where no cgroup could be read on Linux, a quota may hold the run unseen: said, not assumed absent.
	const unknownQuota = machine.cpuQuotaReadable === false && machine.platform.startsWith('linux') ? ' (CPU quota unknown)' : '';
	return `machine: ${allowedText(machine.cores, machine.onlineCores ?? machine.cores, machine.cpuQuotaCores ?? null)}${unknownQuota} · ${machine.cpuModel} · node ${machine.node} · ${machine.platform}`;
}
