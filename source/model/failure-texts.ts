// The words a failed task's record uses, shared by every engine and by concur-tui's watchdogs.

/** How a timed-out task ended, in the words every engine uses: "timed out after 500 ms; ...". */
export function timedOutText(timeoutMs: number, how: string): string {
	return `timed out after ${timeoutMs} ms; ${how}`;
}

/** A task module's import gets this long, in the host that checks it and in every unit that runs it. */
export const importLimitMs = 10_000;

/** Why units never took a task: their import of the task module did not finish within the bound. */
export function importHungText(unit: string): string {
	return `the task module's import did not finish within ${importLimitMs / 1000} s in its ${unit} (a top-level await that never settles, or a loop that never ends?)`;
}
