import {clearTimeout, setTimeout} from '../../util/own-globals.js';

/** The reason a task's signal carries when its time budget (--timeout) runs out. */
class TaskTimeoutError extends Error {
	override readonly name = 'TimeoutError';

	constructor(readonly timeoutMs: number) {
		super(`timed out after ${timeoutMs} ms`);
	}
}

/**
 * A task's time budget: its signal aborts `timeoutMs` after the start, with a TaskTimeoutError.
 * On a busy loop the timer fires only when the task yields: that is what cooperative means.
 */
export class TaskDeadline {
	private readonly controller = new AbortController();
	private readonly timer: NodeJS.Timeout;
	private readonly expiredListeners: Array<() => void> = [];

	constructor(readonly timeoutMs: number) {
		this.timer = setTimeout(() => {
			this.controller.abort(new TaskTimeoutError(timeoutMs));
			for (const listener of this.expiredListeners) listener();
		}, timeoutMs);
	}

	get signal(): AbortSignal {
		return this.controller.signal;
	}

	get expired(): boolean {
		return this.controller.signal.aborted;
	}

	onExpired(listener: () => void): void {
		this.expiredListeners.push(listener);
	}

	clear(): void {
		clearTimeout(this.timer);
		this.expiredListeners.length = 0;
	}
}
