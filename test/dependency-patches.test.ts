// Each patch of a dependency (scripts/dependency-patches.js) applies to the installed package and
// does what it is for. These modules are loaded through vitest.config.ts, which applies the same
// patches as the build: a test here fails if a patch is dropped from either.
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {styledCharsFromTokens, styledCharsToString, tokenize} from '@alcalzone/ansi-tokenize';
import xterm from '@xterm/headless';
import {describe, expect, it, vi} from 'vitest';
import {dependencyPatches} from '../scripts/dependency-patches.js';
import {narrowOnly} from '../scripts/narrow-text.js';
// Ink's internals, by path: its package exports only its public API.
import logUpdate from '../node_modules/ink/build/log-update.js';
import measureText from '../node_modules/ink/build/measure-text.js';
import Output from '../node_modules/ink/build/output.js';
import sanitizeAnsi from '../node_modules/ink/build/sanitize-ansi.js';
import wrapText from '../node_modules/ink/build/wrap-text.js';

const installed: Record<string, string[]> = {
	'patch-ink-incremental-rendering': ['ink/build/log-update.js'],
	'share-ink-output-caches': ['ink/build/output.js'],
	'bound-ink-text-caches': ['ink/build/measure-text.js', 'ink/build/wrap-text.js'],
	'sanitize-sgr-only-text-at-once': ['ink/build/sanitize-ansi.js'],
	'share-style-arrays': ['@alcalzone/ansi-tokenize/build/styledChars.js'],
	'tokenize-narrow-text-by-character': ['@alcalzone/ansi-tokenize/build/tokenize.js'],
	'patch-workerpool-exit': ['workerpool/src/WorkerHandler.js'],
};
const pathOf = (file: string) => fileURLToPath(new URL(`../node_modules/${file}`, import.meta.url));

describe('the patch table', () => {
	it.each(dependencyPatches.map((patch) => [patch.name, patch] as const))('%s changes each installed file it names, and refuses a file that changed', (name, patch) => {
		const files = installed[name]!;
		expect(files).toHaveLength(patch.files);
		for (const file of files) {
			const path = pathOf(file);
			expect(patch.file.test(path)).toBe(true);
			const source = readFileSync(path, 'utf8');
			expect(patch.apply(source, path)).not.toBe(source);
			// A release that rewrote the patched lines: the patch must say so, not skip.
			expect(() => patch.apply(source.replaceAll(/cache|styles|buffer|processing|sanitize|tokenize/g, 'renamed'), path)).toThrow(/changed: review the patch/);
		}
	});
});

/** Writes frames through Ink's incremental renderer into a headless terminal; returns the screen and the bytes of each frame. */
async function renderFrames(frames: readonly string[], columns = 30, rows = 8) {
	const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
	const written: string[] = [];
	const stream = {
		columns,
		rows,
		write(data: string) {
			written.push(data);
			return true;
		},
	};
	const render = logUpdate.create(stream as unknown as NodeJS.WriteStream, {incremental: true});
	const bytesPerFrame: string[] = [];
	for (const frame of frames) {
		written.length = 0;
		render(frame);
		bytesPerFrame.push(written.join(''));
		// eslint-disable-next-line no-await-in-loop -- each frame lands before the next is written
		await new Promise<void>((resolve) => terminal.write(written.join('').replaceAll('\n', '\r\n'), resolve));
	}

	const buffer = terminal.buffer.active;
	const screen = Array.from({length: rows}, (_, y) => buffer.getLine(y)?.translateToString(true) ?? '').filter((line) => line !== '');
	terminal.dispose();
	return {screen, bytesPerFrame};
}

describe('patch-ink-incremental-rendering', () => {
	it('redraws a frame that ends in a newline in place: no stale line above it (unpatched Ink 6.8 leaves "first" on screen)', async () => {
		const {screen} = await renderFrames(['first\nsecond\n', 'third\nfourth\n', 'fifth\nsixth\n']);
		expect(screen).toEqual(['fifth', 'sixth']);
	});

	it('sends only the changed tail of a changed line, and the screen shows the whole new line', async () => {
		const before = 'Threads  ████████▌        2/8\n';
		const after = 'Threads  █████████        2/8\n';
		const {screen, bytesPerFrame} = await renderFrames([before, after]);
		expect(screen).toEqual(['Threads  █████████        2/8']);
		expect(bytesPerFrame[1]).not.toContain('Threads');
		expect(bytesPerFrame[1]!.length).toBeLessThan(after.length);
	});
});

describe('share-ink-output-caches', () => {
	it('frames share their parsed-line caches and a blank cell, and still print what was written', () => {
		const first = new Output({width: 12, height: 2});
		first.write(0, 0, '\u001B[32mok\u001B[39m done', {transformers: []});
		const second = new Output({width: 12, height: 2});
		second.write(0, 0, '\u001B[32mok\u001B[39m done', {transformers: []});
		const cachesOf = (output: Output) => (output as unknown as {caches: {styledChars: unknown}}).caches;
		expect(cachesOf(second).styledChars).toBe(cachesOf(first).styledChars);
		expect(first.get().output).toBe('\u001B[32mok\u001B[39m done\n');
		expect(second.get().output).toBe(first.get().output);
	});
});

describe('share-ink-output-caches: rows kept as their writes', () => {
	// Ink's own Output, unpatched, as the reference: a copy inside node_modules resolves its
	// imports there, and is loaded by Node as it is (the patches match ink/build/output.js only).
	const referencePath = fileURLToPath(new URL('../node_modules/.cache/concur-tui-test/ink-output-unpatched.js', import.meta.url));
	mkdirSync(dirname(referencePath), {recursive: true});
	writeFileSync(referencePath, readFileSync(pathOf('ink/build/output.js'), 'utf8'));
	type OutputLike = {write(x: number, y: number, text: string, options: {transformers: Array<(line: string, index: number) => string>}): void; clip(clip: Record<string, number | undefined>): void; unclip(): void; get(): {output: string; height: number}};
	type OutputClass = new (options: {width: number; height: number}) => OutputLike;

	/** A seeded sequence, so a failure repeats. */
	const random = (() => {
		let seed = 42;
		return () => {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			return seed / 2 ** 31;
		};
	})();
	const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	const lines = [
		'Async  2.45 s  3/8',
		'\u001B[1mThreads\u001B[22m  \u001B[32m███\u001B[39m▓▓',
		'wide 界界 and 🙂 here',
		'\u001B[31mred\u001B[39m\nsecond row',
		'',
		'x',
		'a line longer than the whole grid is wide, by far',
		// Narrow lines styled to their first or last cell, which meet their neighbours styled or not.
		'\u001B[33m░██▍\u001B[39m',
		'\u001B[32m✓\u001B[39m 70%',
		'\u001B[1m\u001B[36mT1\u001B[39m\u001B[22m',
		'·· #2',
		'\u001B[35mopen to the end',
		'\u001B[90m\u001B[0m',
		'\u001B[2m▕▁█▏\u001B[22m',
	];

	it('prints every frame as unpatched Ink does: rows reused, changed, clipped, wide characters, other widths', async () => {
		const {default: Reference} = (await import(pathToFileURL(referencePath).href)) as {default: OutputClass};
		const Patched = Output as unknown as OutputClass;
		const upper = (line: string) => line.toUpperCase();
		// The same write past the edge of grids of two widths prints differently (the gap is blank only within the grid).
		for (const width of [4, 10]) {
			const outputs = [new Reference({width, height: 1}), new Patched({width, height: 1})];
			for (const output of outputs) output.write(6, 0, 'ab', {transformers: []});
			const [expected, actual] = outputs.map((output) => output.get());
			expect(actual).toEqual(expected);
		}

		for (let frame = 0; frame < 300; frame++) {
			// Mostly one size, so rows are reused from frame to frame; now and then another.
			const width = random() < 0.9 ? 24 : pick([8, 40]);
			const height = random() < 0.9 ? 6 : pick([2, 9]);
			const outputs = [new Reference({width, height}), new Patched({width, height})];
			const writes = Math.floor(random() * 8);
			for (let index = 0; index < writes; index++) {
				const [x, y, text, clip, transform] = [Math.floor(random() * 30) - 3, Math.floor(random() * 8) - 1, pick(lines), random() < 0.2, random() < 0.1];
				const clipArea = {x1: Math.floor(random() * 10), x2: 10 + Math.floor(random() * 20), y1: Math.floor(random() * 3), y2: 3 + Math.floor(random() * 5)};
				for (const output of outputs) {
					if (clip) output.clip(clipArea);
					output.write(x, y, text, {transformers: transform ? [upper] : []});
					if (clip) output.unclip();
				}
			}

			const [expected, actual] = outputs.map((output) => output.get());
			expect(actual, `frame ${frame}`).toEqual(expected);
		}
	});
});

describe('sanitize-sgr-only-text-at-once', () => {
	it('sanitizes every kind of text as unpatched Ink does, and returns SGR-only text as it is', async () => {
		// Unpatched copies, loaded by Node as they are (the patch matches ink/build/sanitize-ansi.js only).
		const folder = fileURLToPath(new URL('../node_modules/.cache/concur-tui-test/', import.meta.url));
		mkdirSync(folder, {recursive: true});
		writeFileSync(join(folder, 'ansi-tokenizer.js'), readFileSync(pathOf('ink/build/ansi-tokenizer.js'), 'utf8'));
		writeFileSync(join(folder, 'sanitize-ansi-unpatched.js'), readFileSync(pathOf('ink/build/sanitize-ansi.js'), 'utf8'));
		const {default: reference} = (await import(pathToFileURL(join(folder, 'sanitize-ansi-unpatched.js')).href)) as {default: (text: string) => string};
		const texts = [
			'plain text, box │ and bars █▓░',
			'\u001B[1mbold\u001B[22m \u001B[38;2;1;2;3mtrue colour\u001B[39m \u001B[4:3mcurly\u001B[24m',
			'cursor \u001B[2Kcleared \u001B[5;10Hmoved',
			'private \u001B[?25l hidden cursor',
			'a link \u001B]8;;https://example.com\u0007here\u001B]8;;\u0007',
			'C1 \u009B31m csi and \u0085 next line',
			'lone escape \u001B and the end \u001B',
			'malformed \u001B[12',
			'keypad \u001B= mode',
			'\u001B[31mred\u001B[39m then \u001B[2J clear',
		];
		for (const text of texts) expect(sanitizeAnsi(text), JSON.stringify(text)).toBe(reference(text));
		const sgrOnly = texts[1]!;
		expect(sanitizeAnsi(sgrOnly)).toBe(sgrOnly);
	});
});

describe('bound-ink-text-caches', () => {
	const collect = (() => {
		setFlagsFromString('--expose-gc');
		return runInNewContext('gc') as () => void;
	})();
	const retainedAfter = (work: () => void) => {
		collect();
		const before = process.memoryUsage().heapUsed;
		work();
		collect();
		return process.memoryUsage().heapUsed - before;
	};

	it('measure-text keeps what recent frames measured and forgets the rest', () => {
		const first = measureText('a line measured once');
		expect(measureText('a line measured once')).toBe(first);
		for (let i = 0; i < 1000; i++) measureText(`another line ${i}`);
		const again = measureText('a line measured once');
		expect(again).not.toBe(first);
		expect(again).toEqual(first);
	});

	it.each([
		['measure-text', (text: string) => measureText(text)],
		['wrap-text', (text: string) => wrapText(text, 20, 'wrap')],
	])('%s: 20,000 different texts leave under 1 MB behind (unpatched, its cache keeps them all)', (_name, use) => {
		const retained = retainedAfter(() => {
			for (let i = 0; i < 20_000; i++) use(`a panel line that changes every frame, number ${i}`);
		});
		expect(retained).toBeLessThan(1024 * 1024);
	});
});

describe('share-style-arrays', () => {
	it('neighbours with the same styles share one array, and print as before', () => {
		const line = '\u001B[31mred\u001B[39m plain \u001B[1mbold\u001B[22m';
		const chars = styledCharsFromTokens(tokenize(line));
		expect(chars[1]!.styles).toBe(chars[0]!.styles);
		expect(chars[4]!.styles).toBe(chars[3]!.styles);
		expect(styledCharsToString(chars)).toBe(line);
	});
});

describe('tokenize-narrow-text-by-character', () => {
	// The unpatched tokenizer as the reference, beside the installed one (its own imports resolved there).
	const referencePath = fileURLToPath(new URL('../node_modules/.cache/concur-tui-test/ansi-tokenize-unpatched.js', import.meta.url));
	mkdirSync(dirname(referencePath), {recursive: true});
	const ansiCodes = pathToFileURL(pathOf('@alcalzone/ansi-tokenize/build/ansiCodes.js')).href;
	writeFileSync(referencePath, readFileSync(pathOf('@alcalzone/ansi-tokenize/build/tokenize.js'), 'utf8').replace('"./ansiCodes.js"', JSON.stringify(ansiCodes)));

	const random = (() => {
		let seed = 7;
		return () => {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			return seed / 2 ** 31;
		};
	})();
	const narrowRanges = [[0x20, 0x7e], [0xa0, 0xac], [0xae, 0x2ff], [0x2010, 0x2027], [0x2190, 0x22ff], [0x2500, 0x259f], [0x2713, 0x2713], [0x2717, 0x2717]] as const;
	const narrowCharacters = narrowRanges.flatMap(([from, to]) => Array.from({length: to - from + 1}, (_, offset) => String.fromCodePoint(from + offset)));
	const codes = ['\u001B[31m', '\u001B[39m', '\u001B[1;32m', '\u001B[38;5;208m', '\u001B[48;2;10;20;30m', '\u001B[0m', '\u001B[m', '\u001B[22m', '\u001B[2m', '\u001B[1m', '\u001B[7;4m'];

	it('tokenizes every one-column character, and random text of them with colour codes, as the segmenter does', async () => {
		const {tokenize: reference} = (await import(pathToFileURL(referencePath).href)) as {tokenize: typeof tokenize};
		for (const character of narrowCharacters) expect(tokenize(`a${character}b`), character).toEqual(reference(`a${character}b`));
		for (let sample = 0; sample < 3000; sample++) {
			let text = '';
			const parts = 1 + Math.floor(random() * 14);
			for (let part = 0; part < parts; part++) text += random() < 0.25 ? codes[Math.floor(random() * codes.length)] : narrowCharacters[Math.floor(random() * narrowCharacters.length)];
			expect(narrowOnly.test(text)).toBe(true);
			const endChar = random() < 0.3 ? 1 + Math.floor(random() * 6) : Number.POSITIVE_INFINITY;
			expect(tokenize(text, endChar), JSON.stringify(text)).toEqual(reference(text, endChar));
		}

		// Text outside the set still goes through the segmenter.
		const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
		tokenize('\u001B[33m░██▍\u001B[39m 70% · ✓');
		expect(segment).not.toHaveBeenCalled();
		tokenize('wide 界');
		expect(segment).toHaveBeenCalledTimes(1);
		segment.mockRestore();
		for (const text of ['e\u0301 combining', 'wide 界 and 🙂', '\u001B]8;;https://x\u0007link\u001B]8;;\u0007', 'soft\u00ADhyphen', '\u009B31mC1']) {
			expect(narrowOnly.test(text)).toBe(false);
			expect(tokenize(text)).toEqual(reference(text));
		}
	});
});
