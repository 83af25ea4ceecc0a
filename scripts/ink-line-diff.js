// Rewrites only the changed tail of a terminal line. Injected into Ink's incremental renderer by
// scripts/build.mjs: a dashboard bar that grew by an eighth of a cell resends a few bytes, not
// its whole line. At the cut, the styles active there are written again, so the tail looks
// exactly as if the whole line had been written.

const escape = '\u001B';
const columnOf = (n) => `${escape}[${n + 1}G`;
const eraseToEnd = `${escape}[K`;

/**
 * Updates `state` (slot -> the SGR parameters that set it) with one SGR parameter list; false if
 * the list holds something it does not understand.
 */
function applySgr(state, params) {
	const codes = params === '' ? ['0'] : params.split(';');
	for (let i = 0; i < codes.length; i++) {
		const code = Number(codes[i]);
		if (code === 0) state.clear();
		else if (code === 38 || code === 48) {
			// Extended colour: 38;5;n or 38;2;r;g;b.
			const length = codes[i + 1] === '5' ? 3 : 5;
			state.set(code === 38 ? 'fg' : 'bg', codes.slice(i, i + length).join(';'));
			i += length - 1;
		} else if (code === 39) state.delete('fg');
		else if (code === 49) state.delete('bg');
		else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) state.set('fg', String(code));
		else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) state.set('bg', String(code));
		else if (code === 22) {
			state.delete(1);
			state.delete(2);
		} else if (code >= 23 && code <= 29) state.delete(code - 20);
		else if (code >= 1 && code <= 9) state.set(code, String(code));
		else return false;
	}

	return true;
}

/**
 * What to write to turn line `previous` into line `next` on screen, the cursor being at the start
 * of the line: a jump to the first changed column, the styles active there, and the rest of
 * `next`; or the whole line when a clean cut cannot be found (wide characters, other escapes).
 */
export function changedTail(previous, next) {
	const state = new Map();
	let column = 0;
	let i = 0;
	while (i < next.length && i < previous.length && next[i] === previous[i]) {
		if (next[i] === escape) {
			const match = /^\u001B\[([\d;]*)m/.exec(next.slice(i, i + 32));
			if (!match || previous.slice(i, i + match[0].length) !== match[0] || !applySgr(state, match[1])) {
				return next + eraseToEnd;
			}

			i += match[0].length;
			continue;
		}

		const code = next.codePointAt(i);
		// Wide, combining or control characters: columns are not simply counted.
		if (code < 0x20 || code > 0x2fff || (code >= 0x300 && code <= 0x36f)) return next + eraseToEnd;
		// Both strings must agree on the whole character, not only its first unit.
		const length = code > 0xffff ? 2 : 1;
		if (length === 2 && next[i + 1] !== previous[i + 1]) break;
		i += length;
		column++;
	}

	if (i === 0) return next + eraseToEnd;
	const styles = state.size > 0 ? `${escape}[${[...state.values()].join(';')}m` : '';
	return columnOf(column) + styles + next.slice(i) + eraseToEnd;
}
