import type {WireEvent} from '../model/events.js';
import {forEachTaskStart, type HostWireEvent} from '../model/task-batches.js';
import type {EngineName} from '../model/run-config.js';
import {timedOutText} from '../model/failure-texts.js';
import {epochNow} from '../measure/clock.js';
import {isProcessStopped} from '../measure/process-cpu.js';

/** Past its timeout a task gets this much longer before its engine is declared stuck. */
const graceMs = 1000;
/** A pool host that falls silent without being stopped gets this long past the timeout. */
const silentPoolGraceMs = 5000;
/** Silent this long and stopped: the engine is said to wait on its stopped process. */
const heldAfterMs = 1000;
const checkEveryMs = 250;
/** A check this late means concur-tui itself was held (stopped, a suspended machine, starved). */
const ownStallMs = 1000;

export type HostWatchdogOptions = {
	readonly engine: EngineName;
	/** --timeout: without it nothing is stopped, a stopped host is only reported. */
	readonly timeoutMs: number | null;
	/** The engine host's pid, to tell a stopped process from a busy one. */
	readonly hostPid: number | undefined;
	/**
	 * The engine's tasks share the host's event loop (async): --timeout can only signal them, so a
	 * task running past it is watched from here too. Elsewhere the pool ends such a task itself.
	 */
	readonly watchesTasks: boolean;
};

export type HostWatchdogHandlers = {
	/** Called once: the events that end the stuck tasks, and why the host must stop. */
	readonly onStuck: (endEvents: WireEvent[], reason: string) => void;
	/** The host is held from outside (why), or heard again (null). */
	readonly onHeld: (why: string | null) => void;
};

/**
 * Watches an engine host from outside it. A host reports every 250 ms whatever its tasks do,
 * unless something holds its whole process: an async task that never yields (it holds the only
 * event loop, so no timer fires and no abort reaches it), or a task that stops its own process
 * (SIGSTOP freezes every thread of a threads engine, the pool's timeouts with them). The host then
 * falls silent, or, on async, one task runs on past its timeout while the host still reports.
 * A stopped host is reported as such at once (the run waits on it: the screen says why). With
 * --timeout set, the only way out is to stop the host: this says when, and what to record.
 */
export class HostWatchdog {
	/** Armed when the engine starts: loading a task module before that may take its time. */
	private armed = false;
	private held = false;
	private lastHeard = performance.now();
	private lastCheck = performance.now();
	/** Tasks known to be running, in start order (epoch ms): the first is the oldest. Kept with --timeout only. */
	private readonly running = new Map<number, number>();
	/** Tasks queued and not ended (running ones included), and when one last started or ended. Kept with --timeout only. */
	private readonly unfinished = new Set<number>();
	private lastProgress = performance.now();
	private timer: NodeJS.Timeout | undefined;

	constructor(
		private readonly options: HostWatchdogOptions,
		private readonly handlers: HostWatchdogHandlers,
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
		if (this.held) {
			this.held = false;
			this.handlers.onHeld(null);
		}

		for (const event of events) {
			if (event.name === 'engine:start') {
				this.armed = true;
				this.lastProgress = this.lastHeard;
			} else if (this.options.timeoutMs === null) {
				continue;
			} else if (event.name === 'task:queued') {
				for (const id of event.data.ids) this.unfinished.add(id);
			} else if (event.name === 'task:start') {
				this.running.set(event.data.id, event.data.t);
				this.lastProgress = this.lastHeard;
			} else if (event.name === 'task:end') {
				this.ended(event.data.id);
			} else if (event.name === 'task:starts') {
				forEachTaskStart(event.data, 0, (start) => this.running.set(start.id, start.t));
				this.lastProgress = this.lastHeard;
			} else if (event.name === 'task:ends') {
				for (const id of event.data.ids) this.ended(id);
			}
		}
	}

	private ended(id: number): void {
		this.running.delete(id);
		this.unfinished.delete(id);
		this.lastProgress = this.lastHeard;
	}

	private check(): void {
		const now = performance.now();
		const ownStall = now - this.lastCheck > checkEveryMs + ownStallMs;
		this.lastCheck = now;
		// Held ourselves, we have not read what the host sent meanwhile (timers run before the
		// pipe is read): its silence is ours. Start counting again once the pipe has been read.
		if (ownStall) {
			this.lastHeard = now;
			this.lastProgress = now;
		}
		if (!this.armed || ownStall) return;
		const {hostPid} = this.options;
		const silentMs = now - this.lastHeard;
		// Read from /proc only once the host has been silent a while: costs nothing otherwise.
		const stopped = silentMs > heldAfterMs && hostPid !== undefined && isProcessStopped(hostPid) === true;
		if (stopped && !this.held) {
			this.held = true;
			this.handlers.onHeld(heldWords(this.options.timeoutMs));
		}

		this.checkTimeout(silentMs, stopped, now - this.lastProgress);
	}

	private checkTimeout(silentMs: number, stopped: boolean, stalledMs: number): void {
		const {engine, timeoutMs, watchesTasks} = this.options;
		if (timeoutMs === null) return;
		const oldestStart = this.running.values().next().value;
		const oldestRunMs = oldestStart === undefined ? 0 : epochNow() - oldestStart;
		// A pool ends a task at its timeout itself; one that outlives it by the pool's grace was
		// not ended, though the host may still report (a task closed descriptors the host's own
		// loop used, found by a generated case): the host can no longer keep its promise.
		// And while tasks wait, one starts or ends at least once a timeout: a pool that does neither
		// for its grace past it has stalled (the same case, once no task was left running).
		const stalled = !watchesTasks && this.unfinished.size > 0 && stalledMs > timeoutMs + silentPoolGraceMs;
		const overdue = !watchesTasks && (stalled || oldestRunMs > timeoutMs + silentPoolGraceMs);
		const stuckMs = Math.max(silentMs, watchesTasks || overdue ? Math.max(oldestRunMs, stalled ? stalledMs : 0) : 0);
		if (!overdue) {
			if (stuckMs <= timeoutMs + graceMs) return;
			// A pool host whose tasks cannot hold its loop falls silent only when frozen: give a busy
			// machine's scheduler its due before calling a host that is not visibly stopped stuck.
			if (!stopped && !watchesTasks && silentMs <= timeoutMs + silentPoolGraceMs) return;
		}

		this.stop();
		// One loop runs every async task: with several running, which one holds it cannot be told
		// from outside (a microtask loop left by one runs between the others), so none is blamed alone.
		const silent = silentMs > timeoutMs + silentPoolGraceMs;
		const cause = stopped ? 'stopped' : watchesTasks ? (this.running.size > 1 ? 'shared busy loop' : 'busy loop') : silent ? 'silent' : this.running.size > 0 ? 'overdue' : 'stalled';
		const {how, reason} = stuckWords(cause, Math.round(stuckMs), timeoutMs, this.running.size);
		const t = epochNow();
		const endEvents: WireEvent[] = [...this.running.keys()].map((id) => ({
			name: 'task:end',
			data: {engine, t, id, ok: false, error: timedOutText(timeoutMs, how), cpu: null, runStartT: null},
		}));
		this.running.clear();
		this.handlers.onStuck(endEvents, reason);
	}
}

/** Why an engine waits on its stopped host, and what would end the wait. */
function heldWords(timeoutMs: number | null): string {
	return `stopped (SIGSTOP or debugger): waiting${timeoutMs === null ? '; --timeout would end this' : ''}`;
}

/** What happened, in the words of a stuck task's record (`how`) and of the engine's end (`reason`). */
function stuckWords(cause: 'stopped' | 'busy loop' | 'shared busy loop' | 'silent' | 'overdue' | 'stalled', stuckMs: number, timeoutMs: number, running: number): {how: string; reason: string} {
	const past = `for ${stuckMs} ms, past --timeout ${timeoutMs} ms`;
	switch (cause) {
		case 'stopped': {
			return {
				how: "the engine's process was stopped (SIGSTOP, or a debugger), so no timeout could fire in it and the whole engine was stopped",
				reason: `the engine's process was stopped (SIGSTOP, or a debugger) ${past}, so the engine was stopped`,
			};
		}

		case 'busy loop': {
			return {
				how: 'it kept the event loop busy, so no abort could reach it and the whole engine was stopped',
				reason: `the event loop was blocked ${past}; async cancellation is cooperative, so the engine was stopped`,
			};
		}

		case 'shared busy loop': {
			return {
				how: `the event loop was blocked while it ran, by it or ${running === 2 ? 'the other task' : `one of the ${running - 1} other tasks`} running on that loop (which one cannot be told from outside), so no abort could reach it and the whole engine was stopped`,
				reason: `the event loop was blocked ${past}; async cancellation is cooperative, so the engine was stopped`,
			};
		}

		case 'overdue': {
			return {
				how: 'its engine did not end it at its timeout though the process still ran, so the whole engine was stopped',
				reason: `a task ran ${past} and its engine did not end it, so the engine was stopped`,
			};
		}

		case 'stalled': {
			return {
				how: 'its engine started no task and ended none though the process still ran, so the whole engine was stopped',
				reason: `no task started or ended for ${stuckMs} ms, past --timeout ${timeoutMs} ms, while ${running === 0 ? 'tasks waited' : `${running} ran`}, so the engine was stopped`,
			};
		}

		case 'silent': {
			return {
				how: "the engine's process stopped answering, so no timeout could fire in it and the whole engine was stopped",
				reason: `the engine's process sent nothing ${past}, so the engine was stopped`,
			};
		}
	}
}
