import type {EngineName} from '../../model/run-config.js';
import {epochNow} from '../../measure/clock.js';
import type {TaskOutcome, UnitReport} from '../units/run-task.js';
import type {EventSink} from './event-sink.js';

/** One number per (pid, tid): both are below 2^22 on Linux, so the key is exact. */
function unitKey(pid: number, tid: number | null): number {
	return pid * 2 ** 23 + (tid ?? -1) + 1;
}

/** Numbers the units of execution of one engine as lanes, opening a lane when a unit appears. */
export class LaneRegistry {
	private readonly byUnit = new Map<number, number>();
	private next = 0;

	constructor(
		private readonly engine: EngineName,
		private readonly sink: EventSink,
		private readonly labelPrefix: string,
	) {}

	open(pid: number, tid: number | null, label = `${this.labelPrefix} ${this.next + 1}`): number {
		const id = this.next++;
		this.byUnit.set(unitKey(pid, tid), id);
		this.sink.emit({name: 'lane:open', data: {engine: this.engine, t: epochNow(), lane: {id, label, pid, tid}}});
		return id;
	}

	laneOf(pid: number, tid: number | null): number {
		return this.byUnit.get(unitKey(pid, tid)) ?? this.open(pid, tid);
	}
}

/** Turns what units report about tasks into bus events. */
export class TaskTracker {
	private readonly started = new Set<number>();

	constructor(
		private readonly engine: EngineName,
		private readonly sink: EventSink,
		/** The lane task `id` runs on, given the unit that reported it. */
		private readonly laneFor: (pid: number, tid: number | null, id: number) => number,
	) {}

	queued(count: number, t: number): void {
		this.sink.emit({name: 'task:queued', data: {engine: this.engine, t, ids: Array.from({length: count}, (_, i) => i)}});
		// Sent before any task code runs: a task that ends its host at once (process.exit, a
		// crash) must not take the records of every task down with it.
		this.sink.flush();
	}

	/** `startT` overrides the unit's start, for a thread spawned for the task (spawn cost shows). */
	onReport(report: UnitReport, startT?: number): void {
		if (report.kind === 'progress') {
			this.sink.reportProgress(report.id, report.p);
			return;
		}

		this.started.add(report.id);
		const lane = this.laneFor(report.pid, report.tid, report.id);
		this.sink.emit({
			name: 'task:start',
			data: {engine: this.engine, t: startT ?? report.t, id: report.id, lane, pid: report.pid, tid: report.tid},
		});
	}

	onOutcome(outcome: TaskOutcome, startT?: number): void {
		const {id, pid, tid} = outcome;
		const started = this.started.delete(id)
			? undefined
			: {t: startT ?? outcome.startT, lane: this.laneFor(pid, tid, id), pid, tid};
		this.sink.emit({
			name: 'task:end',
			data: {
				engine: this.engine,
				t: outcome.endT,
				id,
				...(started && {started}),
				ok: outcome.ok,
				error: outcome.error,
				cpu: outcome.cpu,
				runStartT: startT === undefined ? null : outcome.startT,
			},
		});
	}

	/** A task whose unit died (exit, signal, crash) before it could send an outcome. */
	onLost(id: number, error: string): void {
		this.started.delete(id);
		this.sink.emit({name: 'task:end', data: {engine: this.engine, t: epochNow(), id, ok: false, error, cpu: null, runStartT: null}});
	}
}
