// The words a failed task's record uses, shared by every engine and by concur-tui's watchdogs.

/** How a timed-out task ended, in the words every engine uses: "timed out after 500 ms; ...". */
export function timedOutText(timeoutMs: number, how: string): string {
	return `timed out after ${timeoutMs} ms; ${how}`;
}
