import workerpool from 'workerpool';
import {epochNow} from '../../measure/clock.js';
import {distFile} from '../../util/dist-file.js';
import {describeError, type TaskOutcome, type UnitReport} from '../units/run-task.js';
import type {UnitIdentity} from '../units/unit-identity.js';
import type {EngineRunner} from './engine-plan.js';
import {LaneRegistry, TaskTracker} from './task-tracker.js';

/** CPU time and peak RSS of each child process, from what it reports with every task. */
class ChildStats {
	private readonly baselineCpu = new Map<number, number>();
	private readonly latestCpu = new Map<number, number>();
	private readonly peakRss = new Map<number, number>();

	record(pid: number, processCpuMs: number | null, maxRssBytes: number | null, baseline = false): void {
		if (processCpuMs !== null) {
			if (baseline) this.baselineCpu.set(pid, processCpuMs);
			this.latestCpu.set(pid, processCpuMs);
		}

		if (maxRssBytes !== null) this.peakRss.set(pid, Math.max(maxRssBytes, this.peakRss.get(pid) ?? 0));
	}

	cpuMs(): number {
		let sum = 0;
		for (const [pid, latest] of this.latestCpu) sum += latest - (this.baselineCpu.get(pid) ?? 0);
		return sum;
	}

	peakRssBytes(): number {
		let sum = 0;
		for (const rss of this.peakRss.values()) sum += rss;
		return sum;
	}
}

/**
 * A workerpool pool of `plan.pool` units: worker threads in this host (threads) or forked
 * Node processes (processes). One scheduler, two runtimes, so the comparison is fair.
 */
export const runPoolEngine: EngineRunner = async (plan, sink, window) => {
	const isProcess = plan.engine === 'processes';
	const startupStart = epochNow();
	const pool = workerpool.pool(distFile('worker.js'), {
		workerType: isProcess ? 'process' : 'thread',
		minWorkers: plan.pool,
		maxWorkers: plan.pool,
		emitStdStreams: false,
		forkOpts: {execArgv: [], serialization: 'json'},
	});
	const lanes = new LaneRegistry(plan.engine, sink, isProcess ? 'process' : 'thread');
	const children = new ChildStats();
	try {
		// One concurrent call per unit reaches every unit: each is busy until it answers.
		const units = await Promise.all(
			Array.from({length: plan.pool}, async () => pool.exec('identify', []) as Promise<UnitIdentity>),
		);
		for (const unit of units) {
			lanes.open(unit.pid, unit.tid);
			if (isProcess) children.record(unit.pid, unit.processCpuMs, unit.maxRssBytes, true);
		}

		const tracker = new TaskTracker(plan.engine, sink, (pid, tid) => lanes.laneOf(pid, tid));
		const t0 = await window.begin();
		const startupMs = t0 - startupStart;
		sink.emit({name: 'engine:start', data: {engine: plan.engine, t: t0, startupMs}});
		tracker.queued(plan.tasks, t0);
		const on = (report: UnitReport) => {
			tracker.onReport(report);
		};

		await Promise.all(
			Array.from({length: plan.tasks}, async (_, id) => {
				try {
					const outcome = (await pool.exec('runTask', [id, plan.work], {on})) as TaskOutcome;
					children.record(outcome.pid, outcome.processCpuMs, outcome.maxRssBytes);
					tracker.onOutcome(outcome);
				} catch (error) {
					tracker.onLost(id, describeError(error));
				}
			}),
		);
		const figures = await window.end();
		return {
			figures,
			startupMs,
			childCpuMs: children.cpuMs(),
			childPeakRssBytes: children.peakRssBytes(),
			unitsStarted: units.length,
		};
	} finally {
		await pool.terminate(true);
	}
};
