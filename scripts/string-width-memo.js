// string-width for the bundle (scripts/build.mjs routes every import of 'string-width' here).
// Ink measures every character and every changed line of every frame. Two shortcuts, both
// giving string-width's own answer:
// - text made only of SGR colour codes and characters that are one column wide everywhere
//   (ASCII, Latin-1, general punctuation, arrows, maths operators, box drawing, block elements)
//   is measured by counting, with no ANSI stripping or grapheme segmentation;
// - other strings of a line or less are memoised, keeping those used lately.
import stringWidth from 'string-width-original';
import {narrowOnly} from './narrow-text.js';
import {TwoGenerationCache} from './two-generation-cache.js';

const cache = new TwoGenerationCache(2000);
const maxLength = 200;
const sgr = /\u001B\[[\d;]*m/g;

export default function fastStringWidth(text, options) {
	if (options !== undefined) return stringWidth(text, options);
	if (narrowOnly.test(text)) return text.replace(sgr, '').length;
	if (text.length > maxLength) return stringWidth(text);
	let width = cache.get(text);
	if (width === undefined) {
		width = stringWidth(text);
		cache.set(text, width);
	}

	return width;
}
