import type {EngineName} from '../../config/run-config.js';
import type {WireEvent} from '../../bus/events.js';
import {epochNow} from '../../measure/clock.js';

/**
 * Collects an engine's events and sends them in batches. Progress is coalesced to the latest
 * value per task. A batch leaves every `intervalMs` from a timer, and also from `emit` itself,
 * so a host whose event loop is blocked by CPU work still reports while it works.
 */
export class EventSink {
	private pending: WireEvent[] = [];
	private readonly progress = new Map<number, number>();
	private lastFlush = performance.now();
	private readonly timer: NodeJS.Timeout;

	constructor(
		private readonly engine: EngineName,
		private readonly send: (events: WireEvent[]) => void,
		private readonly intervalMs = 50,
	) {
		this.timer = setInterval(() => this.flush(), intervalMs).unref();
	}

	emit(event: WireEvent): void {
		if (event.name === 'task:end') this.progress.delete(event.data.id);
		this.pending.push(event);
		this.flushIfDue();
	}

	reportProgress(id: number, fraction: number): void {
		this.progress.set(id, fraction);
		this.flushIfDue();
	}

	flush(): void {
		this.lastFlush = performance.now();
		if (this.progress.size > 0) {
			const ids: number[] = [];
			const values: number[] = [];
			for (const [id, fraction] of this.progress) {
				ids.push(id);
				values.push(Math.round(fraction * 1000) / 1000);
			}

			this.progress.clear();
			this.pending.push({name: 'task:progress', data: {engine: this.engine, t: epochNow(), ids, values}});
		}

		if (this.pending.length === 0) return;
		const batch = this.pending;
		this.pending = [];
		this.send(batch);
	}

	close(): void {
		clearInterval(this.timer);
		this.flush();
	}

	private flushIfDue(): void {
		if (performance.now() - this.lastFlush >= this.intervalMs) this.flush();
	}
}
