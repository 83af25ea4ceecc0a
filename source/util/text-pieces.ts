import {once} from 'node:events';

/** Bytes gathered before each write: few system calls, and never a whole document at once. */
const pieceChars = 64 * 1024;

/** Small chunks of text gathered into pieces of about 64 KB, in order. */
export function* textPieces(chunks: Iterable<string>): Generator<string> {
	let buffered = '';
	for (const chunk of chunks) {
		buffered += chunk;
		if (buffered.length >= pieceChars) {
			yield buffered;
			buffered = '';
		}
	}

	if (buffered) yield buffered;
}

/**
 * Writes `chunks` to a stream in 64 KB pieces, waiting whenever it asks to: a pipe read slowly
 * (`--json | jq`) holds one piece, not the whole document. Writing 100,000 tasks' records into a
 * pipe without waiting queued them all: 352 MB for the UI process instead of 120.
 */
export async function writeWaitingForDrain(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
	for (const piece of textPieces(chunks)) {
		// eslint-disable-next-line no-await-in-loop -- one piece at a time is the point
		if (!stream.write(piece)) await once(stream, 'drain');
	}
}
