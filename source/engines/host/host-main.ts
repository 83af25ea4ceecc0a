// Entry of an engine host (dist/host.js): a process forked by concur-tui to run one engine, so
// its CPU time, memory and event-loop lag are measured apart from the UI and other engines.
import {Socket} from 'node:net';
import {workloadKinds} from '../../config/workload-kinds.js';
import {calibrateSpin} from '../../workloads/cpu.js';
import {calibrateHash} from '../../workloads/hash.js';
import {calibrateFileRounds} from '../../workloads/fs.js';
import {loadTaskModule, TaskModuleError} from '../../workloads/user-module.js';
import type {EngineName, WorkloadName} from '../../model/run-config.js';
import type {Calibration} from '../../model/result-types.js';
import {describeError} from '../../util/describe-error.js';
import {runAsyncEngine} from './async-engine.js';
import type {EnginePlan, EngineRunner} from './engine-plan.js';
import {EventSink} from './event-sink.js';
import {encodeMessage, hostChannelFd, MessageLines, type HostReply, type HostRequest} from './host-protocol.js';
import {MeasureWindow} from './measure-window.js';
import {runPoolEngine} from './pool-engine.js';
import {runSpawnEngine} from './spawn-engine.js';
import {guardObjectThen} from '../../util/then-guard.js';

guardObjectThen();
// The channel to concur-tui, taken before any task module loads (see host-protocol.ts).
const channel = new Socket({fd: hostChannelFd, readable: true, writable: true});

function reply(message: HostReply): void {
	if (channel.writable) channel.write(encodeMessage(message));
}

// The UI process is gone: nothing may outlive it.
channel.on('end', () => process.exit(0));
channel.on('close', () => process.exit(0));
channel.on('error', () => process.exit(0));

// A task (in this process on async, in one of its threads on threads) may close fd 1 or 2: its
// own output, and that of threads relayed here, is then lost, but never ends the host.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);
// An uncaught error still ends the host (a task's bug is recorded as such), but what it was
// travels on the channel, not only on a stderr a task may have closed or flooded.
process.on('uncaughtExceptionMonitor', (error) => {
	reply({type: 'last-words', message: describeError(error)});
});

async function prepare(workload: WorkloadName, modulePath: string | null, fsDir: string | null): Promise<void> {
	try {
		if (workload === 'module' && modulePath) await loadTaskModule(modulePath);
		const {calibrates} = workloadKinds[workload];
		const calibration: Calibration = {
			cpuIterationsPerMs: calibrates.cpu ? calibrateSpin() : 0,
			hashIterationsPerMs: calibrates.hash ? calibrateHash() : 0,
			...(calibrates.fs && fsDir !== null && {fsRoundsPerMs: await calibrateFileRounds(fsDir)}),
		};
		reply({type: 'prepared', calibration});
	} catch (error) {
		reply({type: 'rejected', message: error instanceof TaskModuleError ? error.message : describeError(error)});
	}
}

/** The runner of each engine (the catalog of what they are is config/engine-kinds.ts). */
const runners = {
	async: () => runAsyncEngine,
	threads: (plan) => (plan.threads === 'spawn' ? runSpawnEngine : runPoolEngine),
	processes: () => runPoolEngine,
} satisfies Record<EngineName, (plan: EnginePlan) => EngineRunner>;

function runnerFor(plan: EnginePlan): EngineRunner {
	return runners[plan.engine](plan);
}

async function run(plan: EnginePlan): Promise<void> {
	const window = new MeasureWindow();
	const sink = new EventSink(
		plan.engine,
		(events) => {
			reply({type: 'events', events});
		},
		() => window.cpuSoFarMs(),
	);
	try {
		const outcome = await runnerFor(plan)(plan, sink, window);
		sink.close();
		const {figures} = outcome;
		reply({
			type: 'done',
			measurements: {
				elapsedMs: figures.elapsedMs,
				cpuMs: figures.hostCpuMs + outcome.childCpuMs,
				peakRssBytes: process.resourceUsage().maxRSS * 1024 + outcome.childPeakRssBytes,
				startupMs: outcome.startupMs,
				loopLagMaxMs: figures.loopLagMaxMs,
				loopLagP99Ms: figures.loopLagP99Ms,
				unitsStarted: outcome.unitsStarted,
				mainThreadCpuMs: figures.mainThreadCpuMs,
			},
		});
	} catch (error) {
		sink.close();
		// An engine's own reason (a plain Error) is said as it is; anything else with its name.
		reply({type: 'failed', message: error instanceof Error && error.constructor === Error && error.message ? error.message : describeError(error)});
	}
}

const requests = new MessageLines<HostRequest>((request) => {
	if (request.type === 'prepare') void prepare(request.workload, request.modulePath, request.fsDir ?? null);
	else void run(request.plan);
});
channel.setEncoding('utf8').on('data', (chunk: string) => {
	requests.push(chunk);
});
