import type {EngineName} from '../../config/run-config.js';
import {epochNow} from '../../measure/clock.js';
import type {TaskOutcome, UnitReport} from '../units/run-task.js';
import type {EventSink} from './event-sink.js';

/** Numbers the units of execution of one engine as lanes, opening a lane when a unit appears. */
export class LaneRegistry {
	private readonly byUnit = new Map<string, number>();
	private next = 0;

	constructor(
		private readonly engine: EngineName,
		private readonly sink: EventSink,
		private readonly labelPrefix: string,
	) {}

	open(pid: number, tid: number | null, label = `${this.labelPrefix} ${this.next + 1}`): number {
		const id = this.next++;
		this.byUnit.set(`${pid}:${tid}`, id);
		this.sink.emit({name: 'lane:open', data: {engine: this.engine, t: epochNow(), lane: {id, label, pid, tid}}});
		return id;
	}

	laneOf(pid: number, tid: number | null): number {
		return this.byUnit.get(`${pid}:${tid}`) ?? this.open(pid, tid);
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
		if (!this.started.has(outcome.id)) {
			this.onReport({kind: 'start', id: outcome.id, t: outcome.startT, pid: outcome.pid, tid: outcome.tid}, startT);
		}

		this.end(outcome.id, outcome.endT, outcome.ok, outcome.error, outcome.cpu, startT === undefined ? null : outcome.startT);
	}

	/** A task whose unit died (exit, signal, crash) before it could send an outcome. */
	onLost(id: number, error: string): void {
		this.end(id, epochNow(), false, error, null, null);
	}

	private end(id: number, t: number, ok: boolean, error: string | null, cpu: number | null, runStartT: number | null): void {
		this.sink.emit({name: 'task:end', data: {engine: this.engine, t, id, ok, error, cpu, runStartT}});
	}
}
