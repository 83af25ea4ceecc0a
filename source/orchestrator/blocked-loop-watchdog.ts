import type {WireEvent} from '../model/events.js';
import {forEachTaskStart, type HostWireEvent} from '../model/task-batches.js';
import type {EngineName} from '../model/run-config.js';
import {timedOutText} from '../model/failure-texts.js';
import {epochNow} from '../measure/clock.js';

/** Past its timeout a task gets this much longer before its event loop is declared stuck. */
const graceMs = 1000;
const checkEveryMs = 250;

/**
 * Watches an async host while --timeout is set. A task that never yields holds the only event
 * loop: no timer fires, no abort signal can reach it (async cancellation is cooperative). The
 * host then falls silent, or one task runs on past its timeout while the host still reports.
 * Either way the only way out is to stop the host: this says when, and what to record.
 */
export class BlockedLoopWatchdog {
	/** Armed when the engine starts: loading a task module before that may take its time. */
	private armed = false;
	private lastHeard = performance.now();
	/** Tasks known to be running, in start order (epoch ms): the first is the oldest. */
	private readonly running = new Map<number, number>();
	private timer: NodeJS.Timeout | undefined;

	constructor(
		private readonly engine: EngineName,
		private readonly timeoutMs: number,
		/** Called once: the events that end the stuck tasks, and why the host must stop. */
		private readonly onStuck: (endEvents: WireEvent[], reason: string) => void,
	) {}

	start(): void {
		this.timer = setInterval(() => {
			this.check();
		}, checkEveryMs);
	}

	stop(): void {
		clearInterval(this.timer);
		this.timer = undefined;
	}

	heard(events: readonly HostWireEvent[]): void {
		this.lastHeard = performance.now();
		for (const event of events) {
			if (event.name === 'engine:start') this.armed = true;
			else if (event.name === 'task:start') this.running.set(event.data.id, event.data.t);
			else if (event.name === 'task:end') this.running.delete(event.data.id);
			else if (event.name === 'task:starts') forEachTaskStart(event.data, 0, (start) => this.running.set(start.id, start.t));
			else if (event.name === 'task:ends') for (const id of event.data.ids) this.running.delete(id);
		}
	}

	private check(): void {
		if (!this.armed) return;
		const limitMs = this.timeoutMs + graceMs;
		const silentMs = performance.now() - this.lastHeard;
		const oldestStart = this.running.values().next().value;
		const longestRunMs = oldestStart === undefined ? 0 : epochNow() - oldestStart;
		if (silentMs <= limitMs && longestRunMs <= limitMs) return;
		this.stop();
		const t = epochNow();
		const how = 'it kept the event loop busy, so no abort could reach it and the whole engine was stopped';
		const endEvents: WireEvent[] = [...this.running.keys()].map((id) => ({
			name: 'task:end',
			data: {engine: this.engine, t, id, ok: false, error: timedOutText(this.timeoutMs, how), cpu: null, runStartT: null},
		}));
		this.running.clear();
		const blockedMs = Math.round(Math.max(silentMs, longestRunMs));
		this.onStuck(endEvents, `the event loop was blocked for ${blockedMs} ms, past --timeout ${this.timeoutMs} ms; async cancellation is cooperative, so the engine was stopped`);
	}
}
