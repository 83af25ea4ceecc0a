import {randomUUID} from 'node:crypto';
import {forEachTaskEnd, forEachTaskStart, type HostWireEvent} from '../model/task-batches.js';
import type {RunBus} from '../bus/run-bus.js';
import {rebaseEvent} from '../bus/rebase-event.js';
import {usableCores, type EngineName, type RunConfig} from '../model/run-config.js';
import type {EnginePlan} from '../engines/host/engine-plan.js';
import {epochNow} from '../measure/clock.js';
import {CoreSampler} from '../measure/core-sampler.js';
import {ownCpuBudget, throttlingWindow} from '../measure/cgroup-cpu.js';
import {treeThreadCpu} from '../measure/os-threads.js';
import {describeError} from '../util/describe-error.js';
import {safeReason} from '../util/safe-text.js';
import type {Calibration, MachineInfo, RunResult, ThreadCpu} from '../model/result-types.js';
import {resultOf} from '../result/run-result.js';
import {RunModel} from '../run-model/run-model.js';
import {isContended} from './contention.js';
import {engineKinds} from '../config/engine-kinds.js';
import {HostWatchdog} from './host-watchdog.js';
import {dismissReaper} from './reaper.js';
import {escapedPids, HostClient, type HostOptions} from './host-client.js';
import {DelayServer, stopAllDelayServers} from './delay-server-client.js';
import {RunFolder, removeAllRunFolders} from './run-folder.js';

/** Hosts alive right now, so an exit of concur-tui can take them down. */
const liveHosts = new Set<HostClient>();

/** Kills every engine host (and so every unit they started); safe to call at any time. */
export function stopAllHosts(): void {
	for (const host of liveHosts) host.kill();
	liveHosts.clear();
	stopAllDelayServers();
	removeAllRunFolders();
}

process.on('exit', () => {
	stopAllHosts();
	dismissReaper();
});

/** The pids a task started outside its engine that could not be ended, in one line, or null. */
export function escapedProcessesLine(): string | null {
	if (escapedPids.size === 0) return null;
	return `processes a task started outside its engine could not be ended and are still running: ${[...escapedPids].join(', ')}`;
}

function startHost(options?: HostOptions): HostClient {
	const host = new HostClient(options);
	liveHosts.add(host);
	return host;
}

function stopHost(host: HostClient): void {
	host.kill();
	liveHosts.delete(host);
}

/**
 * Runs the configured engines, each in its own host process, and puts everything they report on
 * the bus. Resolves with the result document; a bad task module rejects with a UsageError before
 * any engine starts. Aborting kills the running hosts and resolves with what was measured so far,
 * every unfinished engine marked incomplete. The events are folded into `model` (give one to read
 * the run while it goes on, subscribed before this starts); it stops listening when the run ends.
 */
export async function runEngines(config: RunConfig, bus: RunBus, machine: MachineInfo, signal?: AbortSignal, model = new RunModel(bus)): Promise<RunResult> {
	try {
		return await collectRun(model, config, bus, machine, signal);
	} finally {
		model.dispose();
	}
}

async function collectRun(model: RunModel, config: RunConfig, bus: RunBus, machine: MachineInfo, signal?: AbortSignal): Promise<RunResult> {
	const hostsOfThisRun = new Set<HostClient>();
	const abort = () => {
		for (const host of hostsOfThisRun) stopHost(host);
	};

	signal?.addEventListener('abort', abort, {once: true});
	const startedAt = epochNow();
	// The quota that binds concur-tui's cgroup (its hosts are in it too): its throttling is measured per engine.
	const {quota} = ownCpuBudget();
	const since = () => epochNow() - startedAt;

	// -w fs: the run's temporary folder, from calibration (which measures its disk) to the run's end.
	const folder = config.workload === 'fs' ? new RunFolder() : null;
	// Interrupted while calibrating: the run still ends, with no engine run, and is exported so.
	const calibration = await calibrate(config, folder?.engineFolder('calibration') ?? null).catch((error: unknown) => {
		folder?.remove();
		if (signal?.aborted) return null;
		throw error;
	});
	// -w net: the delay server listens before the run starts (one that cannot is bad usage).
	const server = calibration !== null && config.workload === 'net' ? await DelayServer.start(config.netPort ?? 0) : null;
	bus.emit('run:start', {runId: randomUUID(), config, machine, startedAt});
	if (calibration === null) return endRun(model, bus, null);
	const sampler = new CoreSampler(({busy, ownCores, treeCores, treeThreads, treeThreadCpu}) =>
		bus.emit('cpu:sample', {t: since(), busy, ownCores, engineCores: Object.fromEntries(treeCores), engineThreads: Object.fromEntries(treeThreads), engineThreadCpu: Object.fromEntries(treeThreadCpu)}),
	);
	sampler.start();

	/** What the delay server answered for an engine's round, on the run's axis, before its end. */
	const tellServed = async (engine: EngineName, round: number): Promise<void> => {
		if (!server) return;
		const requests = await server.take(`${engine}/${round}`);
		const onAxis = requests.map((request) => ({...request, sentAt: request.sentAt - startedAt, arrivedAt: request.arrivedAt - startedAt, departedAt: request.departedAt - startedAt}));
		bus.emit('net:served', {engine, t: since(), requests: onAxis});
	};

	const runEngine = async (engine: EngineName, contended: boolean, round: number): Promise<void> => {
		if (signal?.aborted) return;
		// An engine whose tasks run in its host (async) shares the host's heap.
		const host = startHost({heapLimitMb: engineKinds[engine].sharesHostHeap ? config.heapLimitMb : null, cpus: config.cpus, uvThreads: config.uvThreads});
		hostsOfThisRun.add(host);
		const throttled = throttlingWindow(quota);
		const plan: EnginePlan = {
			engine,
			tasks: config.tasks,
			pool: config.pool,
			threads: config.threads,
			work: {workload: config.workload, modulePath: config.modulePath, taskMs: config.taskMs, calibration, timeoutMs: config.timeoutMs, netBase: server?.baseUrl(`${engine}/${round}`) ?? null, fsDir: folder?.engineFolder(`${engine}-${round}`) ?? null, taskArg: config.taskArg},
			heapLimitMb: config.heapLimitMb,
		};
		// Its threads' CPU when its window opens (the host's start-up, left out of each thread's figure).
		let threadsAtStart: readonly ThreadCpu[] = [];
		const threadsOver = () => ({atStart: threadsAtStart, atEnd: host.pid === undefined ? [] : treeThreadCpu(host.pid)});
		const forward = (events: readonly HostWireEvent[]) => {
			for (const event of events) {
				if (event.name === 'engine:start' && host.pid !== undefined) threadsAtStart = treeThreadCpu(host.pid);
				if (event.name === 'task:starts') {
					forEachTaskStart(event.data, startedAt, (start) => bus.emit('task:start', start));
				} else if (event.name === 'task:ends') {
					// A failure's reason is the task's own text: made safe here, before any screen, report or file.
					forEachTaskEnd(event.data, startedAt, (end) => bus.emit('task:end', end.ok ? end : {...end, error: safeReason(end.error)}));
				} else {
					bus.emitWire(rebaseEvent(event, startedAt));
				}
			}
		};

		// A host held from outside is reported; with --timeout set, every engine ends in bounded time.
		const watchdog = new HostWatchdog(
			{engine, timeoutMs: config.timeoutMs, hostPid: host.pid, watchesTasks: engineKinds[engine].cooperativeTimeout},
			{
				onStuck(endEvents, reason) {
					forward(endEvents);
					host.stop(reason);
				},
				onHeld(why) {
					bus.emit('engine:held', {engine, t: since(), why});
				},
			},
		);
		watchdog.start();
		// The engine's own cores: its host's process tree, sampled with the machine's cores.
		if (host.pid !== undefined) sampler.watch(engine, host.pid);
		try {
			const measurements = await host.run(plan, (events) => {
				watchdog.heard(events);
				forward(events);
			});
			const threads = threadsOver();
			await tellServed(engine, round);
			bus.emit('engine:end', {engine, t: since(), measurements, contended, error: null, throttling: throttled(), threads});
		} catch (error) {
			const reason = signal?.aborted ? 'interrupted' : safeReason(error instanceof Error ? error.message : describeError(error));
			const threads = threadsOver();
			await tellServed(engine, round);
			bus.emit('engine:end', {engine, t: since(), measurements: null, contended, error: reason, throttling: throttled(), threads});
		} finally {
			sampler.unwatch(engine);
			watchdog.stop();
			stopHost(host);
			hostsOfThisRun.delete(host);
			// Its files go with it: the next engine writes to a disk as empty as this one did.
			folder?.removeEngineFolder(`${engine}-${round}`);
		}
	};

	try {
		for (let round = 0; round < config.runs && !signal?.aborted; round++) {
			// Each round starts with the next engine, so drift (a warming machine, another
			// program) favours none: A B C, B C A, C A B.
			const order = config.engines.map((_, index) => config.engines[(index + round) % config.engines.length]!);
			bus.emit('round:start', {round, rounds: config.runs, order});
			if (config.mode === 'race') {
				const contended = isContended(order, config, usableCores(config, machine.cores));
				// eslint-disable-next-line no-await-in-loop -- rounds run one after another
				await Promise.all(order.map(async (engine) => runEngine(engine, contended, round)));
			} else {
				for (const engine of order) {
					// Each engine has the machine to itself, one after another.
					// eslint-disable-next-line no-await-in-loop
					await runEngine(engine, isContended([engine], config, usableCores(config, machine.cores)), round);
				}
			}
		}
	} finally {
		sampler.stop();
		server?.stop();
		folder?.remove();
		signal?.removeEventListener('abort', abort);
	}

	return endRun(model, bus, calibration);
}

function endRun(model: RunModel, bus: RunBus, calibration: Calibration | null): RunResult {
	const result = resultOf(model, calibration);
	bus.emit('run:end', {result});
	return result;
}

async function calibrate(config: RunConfig, fsDir: string | null): Promise<Calibration> {
	// On the CPUs the engines will run on: pinned to a slower core, the work per ms follows.
	const host = startHost({heapLimitMb: null, cpus: config.cpus, uvThreads: config.uvThreads});
	try {
		return await host.prepare(config.workload, config.modulePath, fsDir);
	} finally {
		stopHost(host);
	}
}
