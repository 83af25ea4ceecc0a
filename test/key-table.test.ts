// One key table: the footer, the help page and the input handler read the same entries.
import {describe, expect, it, vi} from 'vitest';
import {keyBinding, keyTable, type KeyActions} from '../source/ui/key-table.js';
import {footerLine} from '../source/ui/footer-line.js';
import stringWidth from 'string-width';
import {stripVTControlCharacters as stripAnsi} from 'node:util';

function actions(): KeyActions {
	return {
		rerun: vi.fn(),
		nextWorkload: vi.fn(),
		changeTasks: vi.fn(),
		changePool: vi.fn(),
		toggleMode: vi.fn(),
		writeTrace: vi.fn(),
		quit: vi.fn(),
		suspend: vi.fn(),
		toggleHelp: vi.fn(),
		toggleView: vi.fn(),
		toggleLayout: vi.fn(),
		toggleFreeze: vi.fn(),
		tell: vi.fn(),
	};
}

describe('the key table', () => {
	it('binds every key the footer names, and Ctrl+C as q', () => {
		const act = actions();
		for (const input of ['r', 'w', '+', '=', '-', ']', '[', 'm', 't', 'l', 'v', 'f', '?', 'q']) keyBinding(input, false)!(act);
		keyBinding('c', true)!(act);
		keyBinding('z', true)!(act);
		expect(act.suspend).toHaveBeenCalledTimes(1);
		// Ctrl with another letter does what nothing: never the plain letter's key (Ctrl+R is no rerun).
		expect(keyBinding('r', true)).toBeUndefined();
		expect(act.changeTasks).toHaveBeenNthCalledWith(3, -1);
		expect(act.changePool).toHaveBeenNthCalledWith(1, 1);
		expect(act.changePool).toHaveBeenNthCalledWith(2, -1);
		expect(act.quit).toHaveBeenCalledTimes(2);
		for (const name of ['rerun', 'nextWorkload', 'toggleMode', 'writeTrace', 'toggleLayout', 'toggleFreeze', 'toggleHelp', 'toggleView'] as const) expect(act[name]).toHaveBeenCalledTimes(1);
		expect(keyBinding('x', false)).toBeUndefined();
	});

	it('is what the footer lists, in its order, with the layout the panels have now', () => {
		const state = {arrangement: 'side by side', canSwitch: true} as const;
		const texts = keyTable.map((entry) => (typeof entry.footer === 'string' ? entry.footer : entry.footer(state)));
		expect(footerLine(200, true, null, state)).toContain(texts.join(' · '));
		expect(footerLine(200, true, null, state)).toContain('l layout: side');
		expect(footerLine(200, true, null, {arrangement: 'stacked', canSwitch: true})).toContain('l layout: stacked');
		// Below 80 columns there is nothing to switch to: the key is not offered.
		expect(footerLine(200, true, null, {arrangement: 'stacked', canSwitch: false})).not.toContain('l layout');
	});

	it.each([59, 79, 99])('at %i columns keeps "? help · q quit" at the end, drops whole keys, never cuts one', (width) => {
		const footer = stripAnsi(footerLine(width, true, null)).trimEnd();
		expect(footer.endsWith('? help · q quit')).toBe(true);
		expect(footer).not.toContain('…');
		expect(stringWidth(footer)).toBeLessThanOrEqual(width);
		expect(footer.startsWith('r rerun')).toBe(true);
	});

	it('shows news before the keys that always stay', () => {
		const footer = stripAnsi(footerLine(79, true, 'trace written to /a/very/long/path/that/goes/on/and/on/run.trace.json, open it in Perfetto'));
		expect(footer.trimEnd().endsWith('? help · q quit')).toBe(true);
		expect(footer.startsWith('trace written to /a/very')).toBe(true);
	});
});
