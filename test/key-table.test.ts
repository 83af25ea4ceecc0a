// One key table: the footer, the help page and the input handler read the same entries.
import {describe, expect, it, vi} from 'vitest';
import {keyBinding, keyTable, type KeyActions} from '../source/ui/key-table.js';
import {footerLine} from '../source/ui/footer-line.js';

function actions(): KeyActions {
	return {
		rerun: vi.fn(),
		nextWorkload: vi.fn(),
		changeTasks: vi.fn(),
		changePool: vi.fn(),
		toggleMode: vi.fn(),
		writeTrace: vi.fn(),
		quit: vi.fn(),
		toggleHelp: vi.fn(),
		toggleView: vi.fn(),
	};
}

describe('the key table', () => {
	it('binds every key the footer names, and Ctrl+C as q', () => {
		const act = actions();
		for (const input of ['r', 'w', '+', '=', '-', ']', '[', 'm', 't', 'v', '?', 'q']) keyBinding(input, false)!(act);
		keyBinding('c', true)!(act);
		expect(act.changeTasks).toHaveBeenNthCalledWith(3, -1);
		expect(act.changePool).toHaveBeenNthCalledWith(1, 1);
		expect(act.changePool).toHaveBeenNthCalledWith(2, -1);
		expect(act.quit).toHaveBeenCalledTimes(2);
		for (const name of ['rerun', 'nextWorkload', 'toggleMode', 'writeTrace', 'toggleHelp', 'toggleView'] as const) expect(act[name]).toHaveBeenCalledTimes(1);
		expect(keyBinding('x', false)).toBeUndefined();
	});

	it('is what the footer lists, in its order', () => {
		expect(footerLine(200, true, null)).toContain(keyTable.map((entry) => entry.footer).join(' · '));
	});
});
