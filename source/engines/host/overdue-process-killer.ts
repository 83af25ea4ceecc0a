import {clearTimeout, setTimeout} from '../../util/own-globals.js';

/** How long past its timeout a process unit may take to die of workerpool's SIGTERM. */
const graceMs = 400;

/**
 * The last resort for a timed-out task in a process unit: workerpool stops a unit with SIGTERM,
 * which a task module can ignore. A process still running its task `graceMs` after the timeout
 * gets SIGKILL, which nothing can ignore.
 */
export class OverdueProcessKiller {
	private readonly timers = new Map<number, NodeJS.Timeout>();

	constructor(private readonly timeoutMs: number) {}

	started(id: number, pid: number): void {
		const timer = setTimeout(() => {
			this.timers.delete(id);
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}, this.timeoutMs + graceMs);
		this.timers.set(id, timer);
	}

	ended(id: number): void {
		clearTimeout(this.timers.get(id));
		this.timers.delete(id);
	}

	clear(): void {
		for (const timer of this.timers.values()) clearTimeout(timer);
		this.timers.clear();
	}
}
