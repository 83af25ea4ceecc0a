import {streamWithWrite} from './stream-with-write.js';

/**
 * The ASCII drawing, for terminals that cannot show block characters (a locale that is not
 * UTF-8, or --ascii). Every character concur-tui draws outside ASCII has one ASCII stand-in of the
 * same width, so the layout Ink computed holds, and every distinction on screen stays one: a task
 * running or done # (the next task on its lane =), waiting ., several at once :, shorter than a
 * cell |.
 */
const standIns: Readonly<Record<string, string>> = {
	'█': '#',
	'▓': '=',
	'▒': ':',
	'░': '.',
	// A bar's end within its last cell: short ends read as a mark, long ones as a whole cell.
	'▏': '|',
	'▎': '|',
	'▍': '|',
	'▌': '#',
	'▋': '#',
	'▊': '#',
	'▉': '#',
	// The cores strip: each core's meter, between two rails.
	'▕': '|',
	'▁': '_',
	'▂': '_',
	'▃': '-',
	'▄': '-',
	'▅': '=',
	'▆': '=',
	'▇': '#',
	'✓': '+',
	'✗': 'x',
	// Parallelism's mark: a letter, not a bar, which tables draw their borders with.
	'∥': 'P',
	'×': 'x',
	'·': '-',
	'…': '~',
	'÷': '/',
	'–': '-',
	'—': '-',
	'’': "'",
	'−': '-',
	'±': '+',
	'≤': '<',
	'≥': '>',
	'→': '>',
	'↔': '/',
	µ: 'u',
	// The sweep's chart (asciichart's lines and corners, its axis, the size being measured).
	'╭': '+',
	'╮': '+',
	'╰': '+',
	'╯': '+',
	'╶': '-',
	'╴': '-',
	'╌': '.',
	'▲': '^',
	// The fits' parameters.
	α: 'a',
	β: 'b',
	σ: 's',
	// Table borders (ink-table).
	'─': '-',
	'│': '|',
	'┌': '+',
	'┬': '+',
	'┐': '+',
	'├': '+',
	'┼': '+',
	'┤': '+',
	'└': '+',
	'┴': '+',
	'┘': '+',
};

/** What a character outside ASCII that has no stand-in becomes (a user's error text, say). */
const unknown = '?';

// eslint-disable-next-line no-control-regex
const outsideAscii = /[^\u0000-\u007F]/gu;

/** `text` with every character outside ASCII replaced by its stand-in, one column for one. */
export function toAscii(text: string): string {
	return text.replace(outsideAscii, (char) => standIns[char] ?? unknown);
}

/** The characters that have a stand-in (the tests check the screen uses no others). */
export const drawnOutsideAscii: readonly string[] = Object.keys(standIns);

/**
 * Whether to draw in ASCII: --ascii (or --no-ascii) decides; else a locale that is set and is not
 * UTF-8 (LC_ALL, then LC_CTYPE, then LANG: "C", "POSIX", "en_US.ISO-8859-1"). An unset locale
 * draws blocks, as most terminals today can.
 */
export function wantsAscii(flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
	if (flag !== undefined) return flag;
	const locale = env.LC_ALL || env.LC_CTYPE || env.LANG;
	return Boolean(locale) && !/utf-?8/i.test(locale!);
}

/**
 * `stream` as Ink and the reports see it, with every write in ASCII. Everything else (columns,
 * rows, resize events, isTTY) is the stream's own.
 */
export function asciiStream<T extends NodeJS.WriteStream>(stream: T): T {
	const write = (chunk: unknown, ...rest: unknown[]) => {
		const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : chunk;
		return (stream.write as (...args: unknown[]) => boolean)(typeof text === 'string' ? toAscii(text) : text, ...rest);
	};

	return streamWithWrite(stream, write);
}
