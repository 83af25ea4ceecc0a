import {currentThreadPlace} from '../../measure/thread-info.js';
import {resolveTask} from '../../workloads/resolve-task.js';
import {runTask, type Reporter, type TaskOutcome} from '../units/run-task.js';
import type {EngineRunner} from './engine-plan.js';
import {LaneRegistry, TaskTracker} from './task-tracker.js';
import {OwnPromise} from '../../util/own-globals.js';
import {libuvPoolSize} from '../../measure/libuv-pool.js';
import {openConnections} from '../../workloads/net.js';

/** A synchronous task at least this long has its end sent at once. */
const flushAfterSyncTaskMs = 5;

/** How long past its timeout a task that ignores its signal is still waited for. */
const abandonAfterMs = 250;

/** Every task starts at once on this host's single event loop, as asyncio.gather does. */
export const runAsyncEngine: EngineRunner = async (plan, sink, window) => {
	const lanes = new LaneRegistry(plan.engine, sink, 'event loop');
	const loop = lanes.open(process.pid, currentThreadPlace().tid, 'event loop');
	const tracker = new TaskTracker(plan.engine, sink, () => loop);
	// Resolved once, before the window: every task then starts the moment it is called.
	const task = await resolveTask(plan.work);
	// -w net: every task may be in flight at once, so their connections are opened first, as the
	// engine's start-up (a pool's unit opens its one on its first request, under a millisecond).
	const startupMs = plan.work.workload === 'net' && plan.work.netBase !== null ? await openConnections(plan.work.netBase, plan.tasks) : 0;
	const t0 = await window.begin();
	sink.emit({name: 'engine:start', data: {engine: plan.engine, t: t0, startupMs, hostPid: process.pid, uvThreads: libuvPoolSize()}});
	tracker.queued(plan.tasks, t0);
	// On the loop itself, reports go straight to the sink: no message objects per progress tick.
	// With a time budget every start leaves at once: any task may hold the loop for good (its own
	// code, or a microtask loop it left behind), and concur-tui must know which tasks had started.
	const watched = plan.work.timeoutMs !== null;
	const reporter: Reporter = {
		start(report) {
			tracker.onReport(report);
			if (watched) sink.flush();
		},
		progress(id, fraction) {
			sink.reportProgress(id, fraction);
		},
	};
	const onOutcome = (outcome: TaskOutcome) => {
		tracker.onOutcome(outcome);
	};

	// A synchronous task's end is reported the moment it returns, before the next one starts,
	// so a live view sees the staircase as it happens.
	const pending: Array<Promise<void>> = [];
	for (let id = 0; id < plan.tasks; id++) {
		const outcome = runTask(id, task, plan.work.taskMs, reporter, {timeoutMs: plan.work.timeoutMs, abandonAfterMs});
		if (outcome instanceof OwnPromise) {
			pending.push(outcome.then(onOutcome));
			continue;
		}

		onOutcome(outcome);
		// The next task may hold the loop for good or end the host (out of memory, process.exit):
		// the end of one that took a while leaves now, not with the next batch. Tiny ones wait,
		// so 100,000 of them are not 100,000 messages.
		if (outcome.endT - outcome.startT >= flushAfterSyncTaskMs) sink.flush();
	}

	await OwnPromise.all(pending);
	return {figures: await window.end(), startupMs, childCpuMs: 0, childPeakRssBytes: 0, unitsStarted: 0};
};
