import type {EngineName} from '../../model/run-config.js';
import type {WireEvent} from '../../model/events.js';
import {appendTaskEnd, appendTaskStart, newTaskEndBatch, newTaskStartBatch, type HostWireEvent, type TaskEndBatch, type TaskStartBatch} from '../../model/task-batches.js';
import {epochNow} from '../../measure/clock.js';

const sampleEveryMs = 250;
/** The dashboard draws at most ~10 times a second: batches more often only cost IPC. */
export const batchEveryMs = 100;

/**
 * Collects an engine's events and sends them in batches. Progress is coalesced to the latest
 * value per task; consecutive task starts, and consecutive task ends, travel as one columnar batch
 * (model/task-batches.ts).
 * A batch leaves every 100 ms from a timer, and also from `emit` itself, so a host whose event
 * loop is blocked by CPU work still reports while it works.
 */
export class EventSink {
	private pending: HostWireEvent[] = [];
	/** The last event pending, when it is a batch: the next start or end of its kind joins it. */
	private trailing: Extract<HostWireEvent, {name: 'task:starts' | 'task:ends'}> | undefined;
	private readonly progress = new Map<number, number>();
	private lastFlush = performance.now();
	private lastTick = performance.now();
	private lastSample = 0;
	private readonly timer: NodeJS.Timeout;

	/**
	 * `cpuSoFar` gives the engine's CPU ms since its start (undefined before it), sent every
	 * 250 ms in an engine:sample event beside the loop's current lag.
	 */
	constructor(
		private readonly engine: EngineName,
		private readonly send: (events: HostWireEvent[]) => void,
		private readonly cpuSoFar: () => number | undefined = () => undefined,
		private readonly intervalMs = batchEveryMs,
	) {
		this.timer = setInterval(() => {
			this.flush();
			this.lastTick = performance.now();
		}, intervalMs).unref();
	}

	emit(event: WireEvent): void {
		if (event.name === 'task:start') {
			appendTaskStart(this.trailingStarts(event.data.t), event.data);
		} else if (event.name === 'task:end') {
			this.progress.delete(event.data.id);
			appendTaskEnd(this.trailingEnds(event.data.t), event.data);
		} else {
			this.pushEvent(event);
		}

		this.flushIfDue();
	}

	reportProgress(id: number, fraction: number): void {
		this.progress.set(id, fraction);
		this.flushIfDue();
	}

	flush(): void {
		const now = performance.now();
		this.lastFlush = now;
		if (now - this.lastSample >= sampleEveryMs) this.sample(now);
		if (this.progress.size > 0) {
			const ids: number[] = [];
			const values: number[] = [];
			for (const [id, fraction] of this.progress) {
				ids.push(id);
				values.push(Math.round(fraction * 1000) / 1000);
			}

			this.progress.clear();
			this.pushEvent({name: 'task:progress', data: {engine: this.engine, t: epochNow(), ids, values}});
		}

		if (this.pending.length === 0) return;
		const batch = this.pending;
		this.pending = [];
		this.trailing = undefined;
		this.send(batch);
	}

	/** Stops the timer and sends what is pending, with a last sample: a run shorter than one interval has one too. */
	close(): void {
		clearInterval(this.timer);
		this.sample(performance.now());
		this.flush();
	}

	private sample(now: number): void {
		const cpuMs = this.cpuSoFar();
		if (cpuMs === undefined) return;
		this.lastSample = now;
		// Between timer ticks the loop is late by however long it has gone without one.
		const loopLagMs = Math.max(0, now - this.lastTick - this.intervalMs);
		this.pushEvent({name: 'engine:sample', data: {engine: this.engine, t: epochNow(), cpuMs, loopLagMs}});
	}

	private pushEvent(event: HostWireEvent): void {
		this.trailing = undefined;
		this.pending.push(event);
	}

	private trailingStarts(t: number): TaskStartBatch {
		if (this.trailing?.name === 'task:starts') return this.trailing.data;
		return this.trail({name: 'task:starts', data: newTaskStartBatch(this.engine, t)} as const).data;
	}

	private trailingEnds(t: number): TaskEndBatch {
		if (this.trailing?.name === 'task:ends') return this.trailing.data;
		return this.trail({name: 'task:ends', data: newTaskEndBatch(this.engine, t)} as const).data;
	}

	/** A new batch, last in the pending events: the next start or end of its kind joins it. */
	private trail<E extends NonNullable<EventSink['trailing']>>(batch: E): E {
		this.pushEvent(batch);
		this.trailing = batch;
		return batch;
	}

	private flushIfDue(): void {
		if (performance.now() - this.lastFlush >= this.intervalMs) this.flush();
	}
}
