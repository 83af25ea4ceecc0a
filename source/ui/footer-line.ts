import chalk from 'chalk';
import stringWidth from 'string-width';
import {keyTable, type FooterState} from './key-table.js';
import {fitSegments} from './panel/panel-lines.js';

/** Always shown, at the end: how to learn the rest, and how to leave. */
const lastKeys = keyTable.filter((entry) => entry.alwaysInFooter);
/** The others, shown in the table's order while they fit; the least needed are dropped first. */
const otherKeys = keyTable.filter((entry) => !entry.alwaysInFooter);
const byPriority = [...otherKeys].sort((a, b) => a.footerPriority - b.footerPriority);

const footerText = (entry: (typeof keyTable)[number], state: FooterState) => (typeof entry.footer === 'string' ? entry.footer : entry.footer(state));

/**
 * The footer: a notice first when there is one (a trace written, a run restarted), then as many
 * keys as fit, and always "? help · q quit" at the end, whatever the width.
 */
export function footerLine(width: number, interactive: boolean, notice: string | null, state: FooterState = {arrangement: 'stacked', canSwitch: false}, keysOff = 'keys off: stdin is not a terminal · Ctrl+C to stop'): string {
	if (!interactive) return fitSegments([[notice ? `${notice}  ` : '', chalk.yellow], [keysOff, chalk.dim]], width);
	const tail = lastKeys.map((entry) => footerText(entry, state)).join(' · ');
	const room = width - stringWidth(tail);
	// A notice takes the room of the optional keys; its end is cut before the keys that always show.
	if (notice) return fitSegments([[`${notice}  `, chalk.yellow]], room) + chalk.dim(tail);
	const shown = new Set<string>();
	let used = 0;
	for (const entry of byPriority) {
		const text = footerText(entry, state);
		if (text === '') continue;
		const cost = stringWidth(text) + 3;
		if (used + cost > room) continue;
		shown.add(text);
		used += cost;
	}

	const inOrder = otherKeys.map((entry) => footerText(entry, state)).filter((text) => shown.has(text));
	return fitSegments([[[...inOrder, tail].join(' · '), chalk.dim]], width);
}
