import {streamWithWrite} from './stream-with-write.js';

/** Ink's "begin synchronized update" and "end synchronized update" (DEC mode 2026). */
const beginFrame = '\u001B[?2026h';
const endFrame = '\u001B[?2026l';

type Write = (...args: unknown[]) => boolean;

/**
 * `stream` with each synchronized frame sent as one write. Ink sends a frame as three writes
 * (begin, the frame, end): three system calls, three wake-ups of the terminal, and over SSH up
 * to three packets. What Ink writes from a begin to its end is held and sent at the end, at the
 * latest when the code that began it has run (a begin without an end is not held longer).
 * Everything else (columns, rows, resize events, isTTY) is the stream's own.
 */
export function framedStream<T extends NodeJS.WriteStream>(stream: T): T {
	let held: string[] | undefined;
	const send = (...args: unknown[]) => (stream.write as Write)(...args);
	const flush = () => {
		if (held === undefined) return true;
		const frame = held.join('');
		held = undefined;
		return send(frame);
	};

	const write = (chunk: unknown, ...rest: unknown[]) => {
		if (chunk === beginFrame && rest.length === 0) {
			flush();
			held = [beginFrame];
			queueMicrotask(flush);
			return true;
		}

		if (held !== undefined && typeof chunk === 'string' && rest.length === 0) {
			held.push(chunk);
			return chunk === endFrame ? flush() : true;
		}

		// Anything else (a callback, bytes) goes out in order, after what is held.
		flush();
		return send(chunk, ...rest);
	};

	return streamWithWrite(stream, write);
}
