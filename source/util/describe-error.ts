import {inspect, types} from 'node:util';

const longestText = 300;

/** The first line that says something (a message may start with a newline), at most 300 characters. */
function firstLine(text: string): string {
	const line = text.split('\n').find((candidate) => candidate.trim() !== '');
	// Only blanks: shown quoted, so the reason is never empty.
	return line === undefined ? `threw ${JSON.stringify(text.slice(0, 40))}` : line.slice(0, longestText);
}

/**
 * An error as one line: "Name: message" for an Error (of any realm), and for anything else
 * thrown the value as the user's code threw it ("threw {}", "threw [Object: null prototype] {}",
 * "threw undefined"). Never throws itself, whatever the value.
 */
export function describeError(error: unknown): string {
	try {
		if (error instanceof Error || types.isNativeError(error)) {
			const name = String(error.name);
			const message = String(error.message);
			const text = message ? (name ? `${name}: ${message}` : message) : name || 'threw an Error with no name and no message';
			return firstLine(text);
		}

		if (error === '') return 'threw an empty string';
		const text = typeof error === 'string' ? error : `threw ${inspect(error, {depth: 2, breakLength: Number.POSITIVE_INFINITY})}`;
		return firstLine(text);
	} catch {
		return 'threw a value that cannot be shown as text';
	}
}
