// The ASCII drawing: for terminals that cannot show block characters, every distinction kept.
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {drawnOutsideAscii, toAscii, wantsAscii} from '../source/cli/ascii-output.js';
import {taskCells} from '../source/ui/timeline/task-rows.js';
import {laneCells} from './helpers/lane-cells.js';
import {PtyScreen} from './helpers/pty-screen.js';
import {runCli} from './helpers/run-cli.js';
import {task} from './helpers/dashboard-fixtures.js';

function sourceFiles(folder: string): string[] {
	return readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		return statSync(path).isDirectory() ? sourceFiles(path) : [path];
	});
}

const onlyAscii = (text: string) => /^[\n\u0020-\u007E]*$/.test(text);
/** Question marks the screen has anyway: the help key, the seed's columns. */
const withoutOwnQuestionMarks = (text: string) => text.replaceAll(/\? help|\? this|cores\? |threads\? |need them\?/g, '');

describe('the ASCII stand-ins', () => {
	it('cover every character outside ASCII in concur-tui\'s source, one column for one', () => {
		// eslint-disable-next-line no-control-regex
		const used = new Set(sourceFiles('source').flatMap((path) => readFileSync(path, 'utf8').match(/[^\u0000-\u007F]/gu) ?? []));
		for (const char of used) expect(drawnOutsideAscii, `"${char}" (U+${char.codePointAt(0)!.toString(16)})`).toContain(char);
		for (const char of drawnOutsideAscii) {
			expect(stringWidth(char), char).toBe(1);
			expect(toAscii(char), char).toHaveLength(1);
			expect(onlyAscii(toAscii(char)), char).toBe(true);
		}
	});

	it('keep a lane\'s distinctions: #, = for the next task, : for several at once, . for waiting, | shorter than a cell', () => {
		const scale = {axisMs: 1000, cells: 20};
		const lane = laneCells([task(0, {startMs: 0, endMs: 250}), task(1, {startMs: 250, endMs: 500}), task(2, {startMs: 400, endMs: 500}), task(3, {startMs: 810, endMs: 811})], scale, 900);
		expect(toAscii(lane.chars.join(''))).toBe('#####===::      |   ');
		expect(toAscii(taskCells(task(0, {startMs: 250, endMs: 500}), scale, 500).chars.join(''))).toBe(`.....#####${' '.repeat(10)}`);
	});

	it('are chosen by --ascii / --no-ascii, else by a locale that is set and not UTF-8', () => {
		expect(wantsAscii(true, {LANG: 'en_US.UTF-8'})).toBe(true);
		expect(wantsAscii(false, {LANG: 'C'})).toBe(false);
		expect(wantsAscii(undefined, {LANG: 'C'})).toBe(true);
		expect(wantsAscii(undefined, {LANG: 'POSIX'})).toBe(true);
		expect(wantsAscii(undefined, {LANG: 'de_DE.ISO-8859-1'})).toBe(true);
		expect(wantsAscii(undefined, {LANG: 'en_US.UTF-8'})).toBe(false);
		expect(wantsAscii(undefined, {LANG: 'C.utf8'})).toBe(false);
		// LC_ALL, then LC_CTYPE, then LANG, as the C library reads them.
		expect(wantsAscii(undefined, {LC_ALL: 'C', LANG: 'en_US.UTF-8'})).toBe(true);
		expect(wantsAscii(undefined, {LC_CTYPE: 'en_US.UTF-8', LANG: 'C'})).toBe(false);
		// Unset: most terminals today draw blocks.
		expect(wantsAscii(undefined, {})).toBe(false);
	});
});

describe('the dashboard in ASCII', () => {
	it.each([
		['--ascii', ['--ascii'], {}],
		['a C locale', [], {LC_ALL: 'C'}],
	])('with %s: bars, waits and the result drawn in ASCII only; q exits 0', async (_name, flags, env) => {
		const screen = new PtyScreen([...flags, '-w', 'cpu', '-n', '8', '-p', '2', '--task-ms', '150'], {cols: 100, rows: 30}, {env});
		try {
			const running = await screen.waitFor((text) => /Many-thread +\d\.\d\d s/.test(text) && text.includes('#'), 30_000);
			expect(onlyAscii(running), running).toBe(true);
			// Tasks waiting for a unit (.), running or done (#), and what ended (+).
			expect(running).toMatch(/L #\d +\.+#+/);
			expect(running).toMatch(/ \+ /);
			// Parallelism's ∥, in ASCII a P before its figure (not |, a table's border).
			expect(running).toMatch(/P \d\.\d\d/);
			const done = await screen.waitFor((text) => text.includes('Verdict:'), 30_000);
			expect(onlyAscii(done), done).toBe(true);
			expect(done).toMatch(/\+-+\+-+\+/);
			expect(done).toContain('| P cpu/wall |');
			expect(done).not.toMatch(/\|\d\.\d\d/);
			screen.write('?');
			const help = await screen.waitFor((text) => text.includes('On screen'));
			expect(onlyAscii(help), help).toBe(true);
			expect(withoutOwnQuestionMarks(help), help).not.toContain('?');
			expect(help).toMatch(/^# = +a task running or done/m);
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	});

	it('--no-ascii draws blocks even in a C locale', async () => {
		const screen = new PtyScreen(['--no-ascii', '-w', 'cpu', '-n', '4', '-p', '2', '--task-ms', '150'], {cols: 100, rows: 30}, {env: {LC_ALL: 'C'}});
		try {
			await screen.waitFor((text) => text.includes('█'), 30_000);
			screen.write('q');
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	});

	it('the plain report too, and the JSON keeps the text as it was', async () => {
		const plain = await runCli(['--ascii', '-w', 'sleep', '-n', '4', '-p', '2', '--task-ms', '50']);
		expect(plain.code).toBe(0);
		expect(onlyAscii(plain.stdout), plain.stdout).toBe(true);
		expect(plain.stdout).toContain('Verdict:');
		const json = await runCli(['--ascii', '--json', '-w', 'sleep', '-n', '2', '-e', 'async', '--task-ms', '50']);
		expect(JSON.parse(json.stdout)).toMatchObject({complete: true});
	});
});
