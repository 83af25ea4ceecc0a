import type {EngineName} from '../../model/run-config.js';
import type {WireEvent} from '../../model/events.js';
import {appendTaskEnd, appendTaskStart, newTaskEndBatch, newTaskStartBatch, type HostWireEvent, type TaskEndBatch, type TaskStartBatch} from '../../model/task-batches.js';
import {epochNow} from '../../measure/clock.js';
import {ownClock, type Clock} from '../../util/own-globals.js';

const sampleEveryMs = 250;
/**
 * More tasks reporting progress than any screen shows one row each for (a panel draws a row per
 * task only when they all fit): their progress goes per lane. 100,000 async tasks asleep sent
 * 100,000 values every 100 ms, and the dashboard spent 30% of a core taking them in.
 */
export const perTaskProgressMax = 256;
/** The dashboard draws at most ~10 times a second: batches more often only cost IPC. */
export const batchEveryMs = 100;

const rounded = (fraction: number) => Math.round(fraction * 1000) / 1000;

/**
 * Collects an engine's events and sends them in batches. Progress is coalesced to the latest
 * value per task (per lane when more than 256 tasks report); the task starts and ends between
 * two other events travel as two columnar batches, the starts first (model/task-batches.ts). A pool of tiny tasks interleaves them (start
 * 2, end 0, start 3, end 1): batches of consecutive events only held one event each there, about
 * 320 bytes a task. Starts before ends keeps each task's start before its own end.
 * A batch leaves every 100 ms from a timer, and also from `emit` itself, so a host whose event
 * loop is blocked by CPU work still reports while it works.
 */
export class EventSink {
	private pending: HostWireEvent[] = [];
	/** The batches every start and end joins until another event is pending: starts, then ends. */
	private open: {readonly starts: TaskStartBatch; readonly ends: TaskEndBatch} | undefined;
	private readonly progress = new Map<number, number>();
	/** The lane of each task known to run, for progress sent per lane. */
	private readonly laneOf = new Map<number, number>();
	private lastFlush: number;
	private lastTick: number;
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
		/** The engine's own timers and clock (a task module may replace the globals). */
		private readonly clock: Clock = ownClock,
	) {
		this.lastFlush = clock.now();
		this.lastTick = clock.now();
		this.timer = clock.setInterval(() => {
			this.flush();
			this.lastTick = clock.now();
		}, intervalMs).unref();
	}

	emit(event: WireEvent): void {
		if (event.name === 'task:start') {
			this.laneOf.set(event.data.id, event.data.lane);
			appendTaskStart(this.openBatches(event.data.t).starts, event.data);
		} else if (event.name === 'task:end') {
			this.progress.delete(event.data.id);
			this.laneOf.delete(event.data.id);
			appendTaskEnd(this.openBatches(event.data.t).ends, event.data);
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
		const now = this.clock.now();
		this.lastFlush = now;
		if (now - this.lastSample >= sampleEveryMs) this.sample(now);
		if (this.progress.size > perTaskProgressMax) this.pushEvent(this.laneProgress());
		else if (this.progress.size > 0) this.pushEvent(this.taskProgress());
		this.progress.clear();

		this.open = undefined;
		// A stretch with starts but no ends (or the reverse) leaves one batch empty.
		const batch = this.pending.filter((event) => (event.name !== 'task:starts' && event.name !== 'task:ends') || event.data.ids.length > 0);
		this.pending = [];
		if (batch.length > 0) this.send(batch);
	}

	private taskProgress(): HostWireEvent {
		const ids: number[] = [];
		const values: number[] = [];
		for (const [id, fraction] of this.progress) {
			ids.push(id);
			values.push(rounded(fraction));
		}

		return {name: 'task:progress', data: {engine: this.engine, t: epochNow(), ids, values}};
	}

	/** The mean progress of the tasks on each lane that reported some. */
	private laneProgress(): HostWireEvent {
		const sums = new Map<number, {total: number; count: number}>();
		for (const [id, fraction] of this.progress) {
			const lane = this.laneOf.get(id);
			if (lane === undefined) continue;
			const sum = sums.get(lane) ?? {total: 0, count: 0};
			sum.total += fraction;
			sum.count++;
			sums.set(lane, sum);
		}

		const lanes: number[] = [];
		const values: number[] = [];
		for (const [lane, {total, count}] of sums) {
			lanes.push(lane);
			values.push(rounded(total / count));
		}

		return {name: 'lane:progress', data: {engine: this.engine, t: epochNow(), lanes, values}};
	}

	/** Stops the timer and sends what is pending, with a last sample: a run shorter than one interval has one too. */
	close(): void {
		this.clock.clearInterval(this.timer);
		this.sample(this.clock.now());
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

	/** Another event: the starts and ends after it go in new batches after it, so the order holds. */
	private pushEvent(event: HostWireEvent): void {
		this.open = undefined;
		this.pending.push(event);
	}

	private openBatches(t: number): NonNullable<EventSink['open']> {
		if (!this.open) {
			this.open = {starts: newTaskStartBatch(this.engine, t), ends: newTaskEndBatch(this.engine, t)};
			this.pending.push({name: 'task:starts', data: this.open.starts}, {name: 'task:ends', data: this.open.ends});
		}

		return this.open;
	}

	private flushIfDue(): void {
		if (this.clock.now() - this.lastFlush >= this.intervalMs) this.flush();
	}
}
