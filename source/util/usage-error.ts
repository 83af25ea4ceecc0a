/** Bad input from the user: shown as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {
	override name = 'UsageError';
}

/** The machine refused what concur-tui needs (a process limit reached): one line, exit 71 (sysexits' EX_OSERR). */
export class MachineLimitError extends Error {
	override name = 'MachineLimitError';
}
