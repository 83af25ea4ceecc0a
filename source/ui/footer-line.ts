import chalk from 'chalk';
import stringWidth from 'string-width';
import {keyTable} from './key-table.js';
import {fitSegments} from './panel/panel-lines.js';

/** Always shown, at the end: how to learn the rest, and how to leave. */
const lastKeys = keyTable.filter((entry) => entry.alwaysInFooter).map((entry) => entry.footer);
/** The others, shown in the table's order while they fit; the least needed are dropped first. */
const otherKeys = keyTable.filter((entry) => !entry.alwaysInFooter);
const byPriority = [...otherKeys].sort((a, b) => a.footerPriority - b.footerPriority);

/**
 * The footer: a notice first when there is one (a trace written, a run restarted), then as many
 * keys as fit, and always "? help · q quit" at the end, whatever the width.
 */
export function footerLine(width: number, interactive: boolean, notice: string | null): string {
	if (!interactive) return fitSegments([[notice ? `${notice}  ` : '', chalk.yellow], ['keys off: stdin is not a terminal · Ctrl+C to stop', chalk.dim]], width);
	const tail = lastKeys.join(' · ');
	const room = width - stringWidth(tail);
	// A notice takes the room of the optional keys; its end is cut before the keys that always show.
	if (notice) return fitSegments([[`${notice}  `, chalk.yellow]], room) + chalk.dim(tail);
	const shown: string[] = [];
	let used = 0;
	for (const entry of byPriority) {
		const cost = stringWidth(entry.footer) + 3;
		if (used + cost > room) continue;
		shown.push(entry.footer);
		used += cost;
	}

	const inOrder = otherKeys.map((entry) => entry.footer).filter((footer) => shown.includes(footer));
	return fitSegments([[[...inOrder, ...lastKeys].join(' · '), chalk.dim]], width);
}
