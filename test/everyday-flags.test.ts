// Everyday flags, read on the screen of a real pseudo-terminal as a user would.
import {describe, expect, it} from 'vitest';
import {PtyScreen} from './helpers/pty-screen.js';

async function finalScreen(args: readonly string[], size = {cols: 120, rows: 40}): Promise<string> {
	const screen = new PtyScreen([...args, '--exit'], size);
	try {
		const text = await screen.waitFor((shown) => shown.includes('Verdict:'), 60_000);
		expect((await screen.exited).exitCode).toBe(0);
		return text;
	} finally {
		screen.kill();
	}
}

describe('everyday flags on screen', () => {
	it('--pool 1: every engine\'s own cores read 1, whatever the machine has', async () => {
		const text = await finalScreen(['-w', 'cpu', '-n', '4', '--task-ms', '200', '-p', '1']);
		for (const engine of ['async', 'threads', 'processes']) {
			const [, marks, cores] = new RegExp(`│ ${engine}([*!]*) +│[^\\n]*│ (\\d\\.\\d) +│`).exec(text) ?? [];
			// One unit's own cores read 1, unless other programs took part of that core: then the
			// engine is marked skewed (!) and the verdict names the load.
			if (marks?.includes('!')) expect(text).toMatch(/other programs used/i);
			else expect(cores, `${engine} in\n${text}`).toMatch(/^1\.[01]$/);
		}
	});

	it('--pool 16 with 8 tasks: both pools show the same busy lanes first, and fold the idle ones with why', async () => {
		const screen = new PtyScreen(['-w', 'sleep', '-n', '8', '--task-ms', '1500', '-p', '16', '--force', '-e', 'threads,processes'], {cols: 120, rows: 40});
		try {
			const text = await screen.waitFor((shown) => shown.includes('8 idle (P9 … P16): the pool has 16 processes for 8 tasks'), 30_000);
			expect(text).toContain('8 idle (T9 … T16): the pool has 16 threads for 8 tasks');
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	});

	it('--tasks 200: the task length follows the count, as the help says', async () => {
		const text = await finalScreen(['-w', 'sleep', '-n', '200', '-p', '2', '-e', 'async']);
		expect(text).toContain('200 tasks × 20.0 ms');
	});

	it('a shipped example by name: its lesson in the verdict', async () => {
		const text = await finalScreen(['--task', 'example:io', '-n', '6', '-p', '2']);
		expect(text).toMatch(/Verdict: async won on 6 custom tasks/);
	});

	it('a key that restarts mid-run says the run in progress was stopped; the footer keeps "? help · q quit" at 80 columns', async () => {
		const screen = new PtyScreen(['-w', 'sleep', '-n', '8', '--task-ms', '600', '-p', '2'], {cols: 80, rows: 24});
		try {
			const running = await screen.waitFor((text) => text.includes('running') && /\d\/8/.test(text));
			expect(running.trimEnd().split('\n').at(-1)!.trimEnd().endsWith('? help · q quit')).toBe(true);
			screen.write(']');
			const after = await screen.waitFor((text) => text.includes('pool 3: the run in progress was stopped; starting over'));
			expect(after.trimEnd().split('\n').at(-1)!.trimEnd().endsWith('? help · q quit')).toBe(true);
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	});
});
