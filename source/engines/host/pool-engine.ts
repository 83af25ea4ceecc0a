import workerpool from 'workerpool';
import {epochNow} from '../../measure/clock.js';
import {engineKinds} from '../../config/engine-kinds.js';
import {distFile} from '../../util/dist-file.js';
import type {CrashReport, TaskOutcome, UnitReport} from '../units/run-task.js';
import type {UnitIdentity} from '../units/unit-identity.js';
import type {EngineRunner} from './engine-plan.js';
import {LaneRegistry, TaskTracker} from './task-tracker.js';
import {OverdueProcessKiller} from './overdue-process-killer.js';
import {deathSignal, unitLossReason} from './unit-loss.js';
import {importHungText, importLimitMs} from '../../model/failure-texts.js';
import {limitReached, machineLimits, pidsLimitReached, type MachineLimits} from '../../measure/machine-limits.js';
import {deathsInARowLimit, UnitDeathBreaker} from './unit-death-breaker.js';
import {clearInterval, clearTimeout, monotonicNow, OwnPromise, setInterval, setTimeout} from '../../util/own-globals.js';
import {libuvPoolSize} from '../../measure/libuv-pool.js';

/** CPU time and peak RSS of the child processes, from what each unit says of itself. */
function childStats(before: readonly UnitIdentity[], after: readonly UnitIdentity[]): {cpuMs: number; peakRssBytes: number} {
	let cpuMs = 0;
	let peakRssBytes = 0;
	for (const unit of after) {
		cpuMs += unit.processCpuMs - (before.find((start) => start.pid === unit.pid)?.processCpuMs ?? 0);
		peakRssBytes += unit.maxRssBytes;
	}

	return {cpuMs, peakRssBytes};
}

/**
 * One call per unit at once reaches every unit: each stays busy until it answers. A unit being
 * stopped (a timed-out task) cannot answer: the others may answer twice, and count once.
 */
async function identifyAll(pool: workerpool.Pool, units: number, onAnswer: () => void = () => undefined): Promise<UnitIdentity[]> {
	const answers = await OwnPromise.allSettled(
		Array.from({length: units}, async () => {
			const identity = (await pool.exec('identify', [])) as UnitIdentity;
			onAnswer();
			return identity;
		}),
	);
	// A unit is a (pid, tid): every thread of a thread pool shares its host's pid.
	const byUnit = new Map<string, UnitIdentity>();
	for (const answer of answers) if (answer.status === 'fulfilled') byUnit.set(`${answer.value.pid}:${answer.value.tid}`, answer.value);
	return [...byUnit.values()];
}

/** workerpool's word for a task handed to a unit that had already exited: the task never ran. */
function neverReachedUnit(error: unknown): boolean {
	return error instanceof Error && error.message === 'Worker is terminated';
}

/**
 * The pool holds a few tasks per unit, never all of them: a unit that ends a task finds the next
 * one waiting, and 100,000 tasks are not 100,000 pending promises and one 100,000-long queue
 * (workerpool takes each task with Array#shift). Handing 20,000 tiny tasks at once ran at 0.75 of
 * the bare pool's throughput here; a few per unit, 0.95 (`npm run bench`, dispatch).
 */
export function tasksInPoolAtOnce(pool: number, tasks: number): number {
	return Math.min(tasks, Math.max(64, pool * 4));
}

/**
 * Every unit's identity, or once no unit has become ready for the bound (10 s: 1,024 threads take
 * 31 s in all here, but one comes up every few ms) a failure naming why: the machine's process
 * limit when it refused them, else a task module's import (or, for a built-in workload, units
 * that did not start).
 */
async function identifyWithinStartLimit(pool: workerpool.Pool, count: number, units: string, isModule: boolean, limitsBefore: MachineLimits): Promise<UnitIdentity[]> {
	let lastReady = monotonicNow();
	let timer: NodeJS.Timeout | undefined;
	const late = new OwnPromise<never>((_, reject) => {
		timer = setInterval(() => {
			if (monotonicNow() - lastReady < importLimitMs) return;
			const limit = pidsLimitReached(limitsBefore);
			const why = limit === null ? (isModule ? importHungText(units) : `its ${units} did not start within ${importLimitMs / 1000} s`) : `its ${units} could not all start: ${limit}`;
			reject(new Error(why));
		}, 250);
	});
	try {
		return await OwnPromise.race([
			identifyAll(pool, count, () => {
				lastReady = monotonicNow();
			}),
			late,
		]);
	} finally {
		clearInterval(timer);
	}
}

/** How long the pool may take to stop its units before the host reports anyway. */
const stopWaitMs = 1000;

/**
 * A workerpool pool of `plan.pool` units: worker threads in this host (threads) or forked
 * Node processes (processes). One scheduler, two runtimes, so the comparison is fair.
 */
export const runPoolEngine: EngineRunner = async (plan, sink, window) => {
	const isProcess = engineKinds[plan.engine].runtime === 'process';
	const {timeoutMs} = plan.work;
	const limits = {timeoutMs, heapLimitMb: plan.heapLimitMb};
	const startupStart = epochNow();
	const limitsBefore = machineLimits();
	const pool = workerpool.pool(distFile('worker.js'), {
		workerType: isProcess ? 'process' : 'thread',
		minWorkers: plan.pool,
		maxWorkers: plan.pool,
		emitStdStreams: false,
		// A timed-out unit gets this long to answer workerpool's clean-up, then as long to exit.
		workerTerminateTimeout: 150,
		// Each unit gets the run's workload once, at creation.
		workerThreadOpts: {
			workerData: plan.work,
			...(plan.heapLimitMb !== null && {resourceLimits: {maxOldGenerationSizeMb: plan.heapLimitMb}}),
		},
		forkArgs: [JSON.stringify(plan.work)],
		forkOpts: {execArgv: plan.heapLimitMb === null ? [] : [`--max-old-space-size=${plan.heapLimitMb}`]},
	});
	const overdue = isProcess && timeoutMs !== null ? new OverdueProcessKiller(timeoutMs) : undefined;
	const lanes = new LaneRegistry(plan.engine, sink, isProcess ? 'process' : 'thread');
	try {
		// A unit answers once its import of the task module is done: bounded as the checking host's is.
		const units = await identifyWithinStartLimit(pool, plan.pool, isProcess ? 'processes' : 'threads', plan.work.workload === 'module', limitsBefore);
		for (const unit of units) lanes.open(unit.pid, unit.tid);
		if (isProcess) window.trackChildren(units.map((unit) => unit.pid));

		const tracker = new TaskTracker(plan.engine, sink, (pid, tid) => lanes.laneOf(pid, tid));
		const t0 = await window.begin();
		const startupMs = t0 - startupStart;
		sink.emit({name: 'engine:start', data: {engine: plan.engine, t: t0, startupMs, hostPid: process.pid, uvThreads: libuvPoolSize()}});
		tracker.queued(plan.tasks, t0);
		// Shared handlers, and no wrapper promise per task: dispatching 20,000 tiny tasks is
		// bounded by this thread's allocations.
		const options = {
			on(report: UnitReport | CrashReport) {
				if (report.kind === 'crash') {
					crashWords.set(report.id, report.text);
					return;
				}

				if (overdue && report.kind === 'start') overdue.started(report.id, report.pid);
				tracker.onReport(report);
			},
		};
		// A process unit's uncaught error, said by the unit as it died, by the task it was running.
		const crashWords = new Map<number, string>();
		const breaker = new UnitDeathBreaker(deathsInARowLimit(plan.pool));
		let lastEnd = monotonicNow();
		let longestTaskMs = 0;
		const onOutcome = (outcome: TaskOutcome) => {
			longestTaskMs = Math.max(longestTaskMs, outcome.endT - outcome.startT);
			overdue?.ended(outcome.id);
			breaker.taskFinished();
			tracker.onOutcome(outcome);
		};

		const unitKind = isProcess ? 'process' : 'thread';
		const lostText = () => `not finished: ${breaker.givenUp ?? ''}`;
		let nextId = 0;
		let ended = 0;
		let allEnded: () => void = () => undefined;
		const everyTaskEnded = new OwnPromise<void>((resolve) => {
			allEnded = resolve;
		});
		// A task has ended: the next one goes to the pool, or (a pool that gave up) every task not
		// yet handed to it is recorded as lost.
		const settle = () => {
			lastEnd = monotonicNow();
			ended++;
			if (breaker.givenUp !== null) {
				while (nextId < plan.tasks) {
					tracker.onLost(nextId++, lostText());
					ended++;
				}
			} else if (nextId < plan.tasks) {
				dispatch(nextId++);
			}

			if (ended === plan.tasks) allEnded();
		};

		// workerpool's promises are its own class: one then() per task, no wrapper of ours on the
		// way. Its timeout starts when the task reaches a unit, and stops and replaces that unit.
		const dispatch = (id: number): void => {
			const execution = pool.exec('runTask', [id], options);
			if (timeoutMs !== null) void execution.timeout(timeoutMs);
			void (execution as Promise<TaskOutcome>).then(
				(outcome) => {
					onOutcome(outcome);
					settle();
				},
				(error: unknown) => {
					if (breaker.givenUp !== null) {
						tracker.onLost(id, lostText());
						settle();
						return;
					}

					// A unit that died idle stays in workerpool's list until a task is handed to it: that
					// task never ran, so it goes to the next unit (the death still counts).
					if (neverReachedUnit(error)) {
						if (!breaker.unitDied('exited before a task reached it')) {
							dispatch(id);
							return;
						}

						void pool.terminate(true).catch(() => undefined);
						tracker.onLost(id, lostText());
						settle();
						return;
					}

					// A timeout rejects at once, while the unit is still being stopped: keep watching it.
					const timedOut = error instanceof workerpool.Promise.TimeoutError;
					if (!timedOut) overdue?.ended(id);
					// A unit that died because the machine refused it a thread or process, or whose
					// memory limit's killer ended it, says so.
					const lost = unitLossReason(error, unitKind, limits, crashWords.get(id));
					const limit = limitReached(limitsBefore, deathSignal(error));
					const reason = limit === null ? lost : `${lost}: ${limit}`;
					tracker.onLost(id, reason);
					// The tasks handed to the pool and those still running are rejected by the pool's end.
					if (!timedOut && breaker.unitDied(reason)) void pool.terminate(true).catch(() => undefined);
					settle();
				},
			);
		};

		// Under a process limit a unit may hang for good as it starts (Node waits on threads it could
		// not create): once the limit has refused something and no task has ended for the bound,
		// the pool gives up and says why, instead of waiting on units that will never answer.
		// Long tasks are no stall: the wait is the bound plus 3 × the longest task (or --task-ms) seen.
		const stall = () => importLimitMs + 3 * Math.max(longestTaskMs, plan.work.taskMs);
		const stalled = setInterval(() => {
			if (monotonicNow() - lastEnd < stall() || breaker.givenUp !== null) return;
			const limit = pidsLimitReached(limitsBefore);
			if (limit === null) return;
			breaker.giveUp(`no task ended for ${(stall() / 1000).toFixed(1)} s after ${limit}, so the engine stopped`);
			void pool.terminate(true).catch(() => undefined);
		}, 500);
		const handedAtOnce = tasksInPoolAtOnce(plan.pool, plan.tasks);
		if (plan.tasks === 0) allEnded();
		while (nextId < handedAtOnce) dispatch(nextId++);
		try {
			await everyTaskEnded;
		} finally {
			clearInterval(stalled);
		}

		const figures = await window.end();
		// A pool that gave up has no units left to ask.
		const children = isProcess && breaker.givenUp === null ? childStats(units, await identifyAll(pool, plan.pool)) : {cpuMs: 0, peakRssBytes: 0};
		return {figures, startupMs, childCpuMs: children.cpuMs, childPeakRssBytes: children.peakRssBytes, unitsStarted: units.length};
	} finally {
		// A unit that ignores SIGTERM would keep terminate() waiting for ever: the overdue killer
		// (still armed) ends a timed-out one, and concur-tui kills the host's process group after.
		let waited: NodeJS.Timeout | undefined;
		await OwnPromise.race([
			pool.terminate(true).catch(() => undefined),
			new OwnPromise((resolve) => {
				waited = setTimeout(resolve, stopWaitMs);
			}),
		]);
		clearTimeout(waited);
		overdue?.clear();
	}
};
