import stringWidth from 'string-width';

/** A number and its unit stay on one line: "77 MB", "1.30 s", "2 cores", "0.5 cores". */
const unitAfterNumber = /(\d) (s|ms|MB|GB|cores?|tasks?|threads?|processes|×)(?=[\s,.;:)]|$)/g;
const keep = '\u0000';

/**
 * Word-wraps plain text to `width` columns: lines break at spaces only (a word wider than the
 * line is cut), never start with a space, and never part a number from its unit. A no-break space
 * (U+00A0) joins what must stay on one line (a key and what it does) and is written as a space.
 */
export function wrapWords(text: string, width: number): string[] {
	const words = text.replace(unitAfterNumber, `$1${keep}$2`).split(' ').filter((word) => word !== '');
	const lines: string[] = [];
	let line = '';
	for (const raw of words) {
		let word = raw.replaceAll(keep, ' ').replaceAll('\u00A0', ' ');
		while (stringWidth(word) > width) {
			if (line) lines.push(line);
			line = '';
			lines.push(word.slice(0, width));
			word = word.slice(width);
		}

		if (!line) line = word;
		else if (stringWidth(line) + 1 + stringWidth(word) <= width) line += ` ${word}`;
		else {
			lines.push(line);
			line = word;
		}
	}

	if (line) lines.push(line);
	return lines;
}
