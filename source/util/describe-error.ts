import {inspect, types} from 'node:util';

const longestText = 300;

/**
 * An error as one line: "Name: message" for an Error (of any realm), and for anything else
 * thrown the value as the user's code threw it ("threw {}", "threw [Object: null prototype] {}",
 * "threw undefined"). Never throws itself, whatever the value.
 */
export function describeError(error: unknown): string {
	try {
		if (error instanceof Error || types.isNativeError(error)) {
			const {name, message} = error;
			const text = message ? `${name}: ${message}` : String(name);
			return (text.split('\n')[0] ?? text).slice(0, longestText);
		}

		const text = typeof error === 'string' ? error : `threw ${inspect(error, {depth: 2, breakLength: Number.POSITIVE_INFINITY})}`;
		return text.split('\n')[0]!.slice(0, longestText);
	} catch {
		return 'threw a value that cannot be shown as text';
	}
}
