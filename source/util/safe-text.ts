/**
 * Characters a terminal acts on instead of showing: C0 and C1 controls (ESC starts a sequence that
 * can retitle the window, clear the screen or move the cursor; CR and LF break a line), DEL, and
 * Unicode's bidirectional overrides and line separators, which reorder or break what follows.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const actedOn = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeOf(character: string): string {
	const code = character.codePointAt(0)!;
	return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text that came from a task, a task module or a path the user typed, made safe to show: every
 * character a terminal would act on is written as its escape (`\x1b`, `\x0a`), so the text reads
 * as it was and can never reach the terminal raw, nor split a one-line message.
 */
export function safeText(text: string): string {
	return text.replace(actedOn, escapeOf);
}

/** A task's failure reason, safe to show and never empty (a task may throw '' or an Error with no name or message). */
export function safeReason(reason: string | null | undefined): string {
	return reason ? safeText(reason) : 'failed without a reason (an empty error)';
}
