// Each file in patches/ is a unified diff against an installed package, applied to node_modules by
// patch-package as the build starts (npm test builds before vitest runs), so the tests, the build
// and the bundle all run the same patched code. Each patch's effect is checked here against the package with its
// diff taken back out (`patch -R` on a copy): every effect test below fails on the unpatched copy.
import {execFileSync} from 'node:child_process';
import {cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {styledCharsFromTokens, styledCharsToString, tokenize} from '@alcalzone/ansi-tokenize';
import xterm from '@xterm/headless';
import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it, vi} from 'vitest';
import workerpool from 'workerpool';
// Ink's internals, by path: its package exports only its public API.
import {createNode} from '../node_modules/ink/build/dom.js';
import lineUpdate from '../node_modules/ink/build/line-update.js';
import logUpdate from '../node_modules/ink/build/log-update.js';
import measureText from '../node_modules/ink/build/measure-text.js';
import Output from '../node_modules/ink/build/output.js';
import renderer from '../node_modules/ink/build/renderer.js';
import sanitizeAnsi from '../node_modules/ink/build/sanitize-ansi.js';
import wrapText from '../node_modules/ink/build/wrap-text.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const patchesFolder = join(root, 'patches');
const patchFiles = readdirSync(patchesFolder).filter((file) => file.endsWith('.patch'));

/** patch-package's file name: the package (its scope's slash as `+`) and the version, `+` between. */
function packageOf(file: string): {name: string; version: string} {
	const parts = file.replace(/\.patch$/, '').split('+');
	const version = parts.pop()!;
	return {name: parts.join('/'), version};
}

/**
 * A copy of an installed package with its patch taken back out, inside node_modules so that its
 * own imports of other packages resolve as the installed one's do. Returns the copy's folder.
 */
function unpatchedCopy(name: string): string {
	const file = patchFiles.find((candidate) => packageOf(candidate).name === name)!;
	const base = join(root, 'node_modules/.cache/concur-tui-test/unpatched');
	const folder = join(base, 'node_modules', name);
	rmSync(folder, {recursive: true, force: true});
	mkdirSync(folder, {recursive: true});
	cpSync(join(root, 'node_modules', name), folder, {recursive: true});
	execFileSync('patch', ['-R', '-p1', '-s', '-d', base, '-i', join(patchesFolder, file)]);
	return folder;
}

/** How many times `work` called the grapheme segmenter (the cost the narrow-text patches save). */
function segmenterCalls(work: () => void): number {
	const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
	try {
		work();
		return segment.mock.calls.length;
	} finally {
		segment.mockRestore();
	}
}

async function importFrom<T>(path: string): Promise<T> {
	return (await import(pathToFileURL(path).href)) as T;
}

describe('the patches', () => {
	it('are diffs against the installed versions, and every one of them is applied', () => {
		expect(patchFiles.length).toBeGreaterThan(0);
		for (const file of patchFiles) {
			const {name, version} = packageOf(file);
			const installed = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {version: string};
			expect(installed.version, file).toBe(version);
			// Applied: the diff comes back out cleanly (a dry run changes nothing).
			expect(() => execFileSync('patch', ['-R', '--dry-run', '-p1', '-s', '-f', '-d', root, '-i', join(patchesFolder, file)]), file).not.toThrow();
		}
	});

	it('are applied by patch-package, as the build starts; the build replaces no text, and no install script runs on a user\'s machine', () => {
		const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {scripts: Record<string, string>};
		for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(packageJson.scripts[script], script).toBeUndefined();
		const build = readFileSync(join(root, 'scripts/build.mjs'), 'utf8');
		expect(build).toContain("import.meta.resolve('patch-package/index.js')");
		expect(build).not.toMatch(/onLoad|\.replace\(/);
		expect(readFileSync(join(root, 'vitest.config.ts'), 'utf8')).not.toMatch(/plugins|load\(/);
	});
});

describe('workerpool: queued tasks run after every worker exited by itself', () => {
	const script = fileURLToPath(new URL('fixtures/workerpool-exit-worker.cjs', import.meta.url));
	type Pool = {exec(method: string, parameters: unknown[]): Promise<unknown>; terminate(force?: boolean): Promise<void>};
	type Workerpool = {pool(script: string, options: Record<string, unknown>): Pool};

	/** The only worker exits while a second task waits: ms until both settled, or undefined by the deadline. */
	async function settleAfterExit(library: Workerpool, workerType: string, deadlineMs: number): Promise<{ms: number | undefined; sum: unknown}> {
		const pool = library.pool(script, {workerType, maxWorkers: 1});
		const started = performance.now();
		const crashed = pool.exec('exit', [1]).catch((error: unknown) => String(error));
		const queued = pool.exec('add', [2, 3]).catch((error: unknown) => String(error));
		let timer: NodeJS.Timeout | undefined;
		const deadline = new Promise<'hung'>((resolve) => {
			timer = setTimeout(() => resolve('hung'), deadlineMs);
		});
		const outcome = await Promise.race([Promise.all([crashed, queued]), deadline]);
		clearTimeout(timer);
		await pool.terminate(true);
		return outcome === 'hung' ? {ms: undefined, sum: undefined} : {ms: performance.now() - started, sum: outcome[1]};
	}

	it.each(['thread', 'process'])('%s workers: the queued task runs on a new worker; unpatched, it waits for ever', async (workerType) => {
		const patched = await settleAfterExit(workerpool, workerType, 20_000);
		expect(patched.ms).toBeDefined();
		expect(patched.sum).toBe(5);
		const unpatched = await importFrom<{default: Workerpool}>(join(unpatchedCopy('workerpool'), 'src/index.js'));
		// Ten times what the patched pool took, and at least 2 s: still waiting.
		const again = await settleAfterExit(unpatched.default, workerType, Math.max(2000, 10 * patched.ms!));
		expect(again.ms).toBeUndefined();
	});
});

describe('ink: Output keeps one set of caches per Ink instance, and rows as their writes', () => {
	type OutputLike = {write(x: number, y: number, text: string, options: {transformers: Array<(line: string, index: number) => string>}): void; clip(clip: Record<string, number | undefined>): void; unclip(): void; get(): {output: string; height: number}};
	type OutputClass = new (options: {width: number; height: number; caches?: unknown}) => OutputLike;

	it('each Ink root keeps its own caches from frame to frame; another root has others', () => {
		const rootNode = () => {
			const node = createNode('ink-root');
			node.yogaNode!.setWidth(20);
			node.yogaNode!.calculateLayout(20, undefined);
			return node;
		};

		const [first, second] = [rootNode(), rootNode()];
		renderer(first, false);
		const cachesOf = (node: object) => (node as {outputCaches?: unknown}).outputCaches;
		const kept = cachesOf(first);
		expect(kept).toBeDefined();
		renderer(first, false);
		expect(cachesOf(first)).toBe(kept);
		renderer(second, false);
		expect(cachesOf(second)).toBeDefined();
		expect(cachesOf(second)).not.toBe(kept);
	});

	it('a line written again in a later frame with the same caches is not parsed again; unpatched, every frame parses it', async () => {
		const line = '\u001B[32mok\u001B[39m done';
		const parses = (OutputOf: OutputClass, caches: unknown) =>
			segmenterCalls(() => {
				for (let frame = 0; frame < 3; frame++) {
					const output = new OutputOf({width: 12, height: 1, caches});
					output.write(0, 0, `${line} 界`, {transformers: []});
					expect(output.get().output).toBe(`${line} 界`);
				}
			});

		const {default: Unpatched, OutputCaches} = await importFrom<{default: OutputClass; OutputCaches?: new () => unknown}>(join(unpatchedCopy('ink'), 'build/output.js'));
		expect(OutputCaches).toBeUndefined();
		const {OutputCaches: Caches} = await importFrom<{OutputCaches: new () => unknown}>(join(root, 'node_modules/ink/build/output.js'));
		const patchedParses = parses(Output, new Caches());
		const unpatchedParses = parses(Unpatched, undefined);
		expect(patchedParses).toBeLessThan(unpatchedParses);
	});

	it('prints every frame as unpatched Ink 8 does: rows reused, composed, clipped, wide characters, other widths', async () => {
		const {default: Reference} = await importFrom<{default: OutputClass}>(join(unpatchedCopy('ink'), 'build/output.js'));
		const {OutputCaches: Caches} = await importFrom<{OutputCaches: new () => unknown}>(join(root, 'node_modules/ink/build/output.js'));
		const caches = new Caches();
		const Patched = Output as unknown as OutputClass;
		const lines = [
			'Async  2.45 s  3/8',
			'\u001B[1mThreads\u001B[22m  \u001B[32m███\u001B[39m▓▓',
			'wide 界界 and 🙂 here',
			'\u001B[31mred\u001B[39m\nsecond row',
			'',
			'x',
			'a line longer than the whole grid is wide, by far',
			'\u001B[33m░██▍\u001B[39m',
			'\u001B[32m✓\u001B[39m 70%',
			'\u001B[1m\u001B[36mT1\u001B[39m\u001B[22m',
			'·· #2',
			'\u001B[35mopen to the end',
			'\u001B[90m\u001B[0m',
			'\u001B[2m▕▁█▏\u001B[22m',
			'界',
			'soft\u00ADhyphen',
			'\u001B[35mopen\nstill open\u001B[39m\nclosed',
			'\u001B[1mP1\u001B[22m 23\n\u001B[2mT2\u001B[22m ██\n',
			'a\nb\r\nc',
			'\u001B[32m\nfrom the start\u001B[39m',
		];
		const write = fc.record({
			x: fc.integer({min: -3, max: 27}),
			y: fc.integer({min: -1, max: 7}),
			text: fc.constantFrom(...lines),
			clip: fc.option(fc.record({x1: fc.integer({min: 0, max: 9}), x2: fc.integer({min: 10, max: 29}), y1: fc.integer({min: 0, max: 2}), y2: fc.integer({min: 3, max: 7})}), {nil: undefined}),
			upper: fc.boolean(),
		});
		// Mostly one size, so rows are reused from frame to frame; now and then another.
		const frame = fc.record({width: fc.constantFrom(24, 24, 24, 4, 8, 40), height: fc.constantFrom(6, 6, 2, 9), writes: fc.array(write, {maxLength: 8})});
		const upper = (line: string) => line.toUpperCase();
		fc.assert(
			fc.property(frame, ({width, height, writes}) => {
				const outputs = [new Reference({width, height}), new Patched({width, height, caches})];
				for (const output of outputs) {
					for (const {x, y, text, clip, upper: transform} of writes) {
						if (clip) output.clip(clip);
						output.write(x, y, text, {transformers: transform ? [upper] : []});
						if (clip) output.unclip();
					}
				}

				const [expected, actual] = outputs.map((output) => output.get());
				expect(actual).toEqual(expected);
			}),
			{numRuns: 600, seed: 27},
		);
	});
});

describe('ink: sanitize returns text whose only escapes are plain SGR at once', () => {
	const pieces = ['plain', ' ', '█▓░', '界', '\u0301', '\u001B[1m', '\u001B[22m', '\u001B[38;2;1;2;3m', '\u001B[4:3m', '\u001B[38:5:208m', '\u001B[m', '\u001B[2K', '\u001B[?25l', '\u001B]8;;https://x\u0007', '\u009B31m', '\u0085', '\u0007', '\t', '\n', '\u001B', '\u001B[12', '\u001B=', '\u007F'];

	it('gives every text what unpatched Ink 8 gives it (generated texts)', async () => {
		const {default: reference} = await importFrom<{default: (text: string) => string}>(join(unpatchedCopy('ink'), 'build/sanitize-ansi.js'));
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...pieces), {maxLength: 12}), (parts) => {
				const text = parts.join('');
				expect(sanitizeAnsi(text)).toBe(reference(text));
			}),
			{numRuns: 3000, seed: 27},
		);
	});

	it('tokenizes no coloured line; unpatched, every coloured line is tokenized', async () => {
		// Each sanitizer beside a tokenizer that counts its calls.
		const countingCopy = (folder: string, from: string) => {
			mkdirSync(folder, {recursive: true});
			writeFileSync(join(folder, 'sanitize-ansi.js'), readFileSync(from, 'utf8'));
			const real = pathToFileURL(join(root, 'node_modules/ink/build/ansi-tokenizer.js')).href;
			writeFileSync(join(folder, 'ansi-tokenizer.js'), `import * as real from ${JSON.stringify(real)};\nexport const calls = {count: 0};\nexport const hasAnsiControlCharacters = real.hasAnsiControlCharacters;\nexport const tokenizeAnsi = (text) => { calls.count++; return real.tokenizeAnsi(text); };\n`);
			return folder;
		};

		const cache = join(root, 'node_modules/.cache/concur-tui-test');
		const patchedFolder = countingCopy(join(cache, 'sanitize-patched'), join(root, 'node_modules/ink/build/sanitize-ansi.js'));
		const unpatchedFolder = countingCopy(join(cache, 'sanitize-unpatched'), join(unpatchedCopy('ink'), 'build/sanitize-ansi.js'));
		const coloured = '\u001B[1mThreads\u001B[22m \u001B[32m███\u001B[39m 2/8';
		const tokenizations = async (folder: string) => {
			const {default: sanitize} = await importFrom<{default: (text: string) => string}>(join(folder, 'sanitize-ansi.js'));
			const {calls} = await importFrom<{calls: {count: number}}>(join(folder, 'ansi-tokenizer.js'));
			expect(sanitize(coloured)).toBe(coloured);
			return calls.count;
		};

		expect(await tokenizations(patchedFolder)).toBe(0);
		expect(await tokenizations(unpatchedFolder)).toBeGreaterThan(0);
	});
});

describe('ink: a changed line of narrow text is diffed a character a column', () => {
	const pieces = ['T1 ', 'Threads', '█', '▌', '▊', '░', '·', '∥ 1.93', '→', '界', '🙂', 'e\u0301', '\u001B[32m', '\u001B[39m', '\u001B[2m', '\u001B[22m', ' ', '70%', '\t'];
	const line = fc.array(fc.constantFrom(...pieces), {maxLength: 12}).map((parts) => parts.join(''));

	it('writes what unpatched Ink 8 writes for generated pairs of lines', async () => {
		const {default: reference} = await importFrom<{default: typeof lineUpdate}>(join(unpatchedCopy('ink'), 'build/line-update.js'));
		fc.assert(
			fc.property(line, line, fc.constantFrom(40, 80), (previous, next, columns) => {
				expect(lineUpdate(previous, next, columns)).toBe(reference(previous, next, columns));
			}),
			{numRuns: 3000, seed: 27},
		);
	});

	it('needs no segmenter for a bar that grew; unpatched, it segments both lines', async () => {
		const {default: reference} = await importFrom<{default: typeof lineUpdate}>(join(unpatchedCopy('ink'), 'build/line-update.js'));
		const previous = '\u001B[2mT1\u001B[22m \u001B[32m████▌\u001B[39m · 70%';
		const next = '\u001B[2mT1\u001B[22m \u001B[32m████▊\u001B[39m · 71%';
		const segments = (update: typeof lineUpdate) => segmenterCalls(() => update(previous, next, 80));

		expect(segments(lineUpdate)).toBe(0);
		expect(segments(reference)).toBeGreaterThan(0);
	});
});

describe('ansi-tokenize: neighbours share style arrays, and narrow text needs no segmenter', () => {
	it('neighbours with the same styles share one array, and print as before', () => {
		const line = '\u001B[31mred\u001B[39m plain \u001B[1mbold\u001B[22m';
		const chars = styledCharsFromTokens(tokenize(line));
		expect(chars[1]!.styles).toBe(chars[0]!.styles);
		expect(chars[4]!.styles).toBe(chars[3]!.styles);
		expect(styledCharsToString(chars)).toBe(line);
	});

	it('tokenizes every one-column character, and generated text of them with colour codes, as the segmenter does', async () => {
		const {tokenize: reference} = await importFrom<{tokenize: typeof tokenize}>(join(unpatchedCopy('@alcalzone/ansi-tokenize'), 'build/tokenize.js'));
		const narrowRanges = [[0x20, 0x7e], [0xa0, 0xac], [0xae, 0x2ff], [0x2010, 0x2027], [0x2190, 0x22ff], [0x2500, 0x259f], [0x2713, 0x2713], [0x2717, 0x2717]] as const;
		const narrow = narrowRanges.flatMap(([from, to]) => Array.from({length: to - from + 1}, (_, offset) => String.fromCodePoint(from + offset)));
		for (const character of narrow) expect(tokenize(`a${character}b`), character).toEqual(reference(`a${character}b`));
		const codes = ['\u001B[31m', '\u001B[39m', '\u001B[1;32m', '\u001B[38;5;208m', '\u001B[48;2;10;20;30m', '\u001B[0m', '\u001B[m', '\u001B[22m', '\n'];
		fc.assert(
			fc.property(fc.array(fc.oneof(fc.constantFrom(...codes), fc.constantFrom(...narrow)), {maxLength: 14}), fc.option(fc.integer({min: 1, max: 6}), {nil: Number.POSITIVE_INFINITY}), (parts, endChar) => {
				const text = parts.join('');
				expect(tokenize(text, endChar)).toEqual(reference(text, endChar));
			}),
			{numRuns: 3000, seed: 27},
		);
		const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
		tokenize('\u001B[33m░██▍\u001B[39m 70% · ✓\nsecond line');
		expect(segment).not.toHaveBeenCalled();
		tokenize('wide 界');
		expect(segment).toHaveBeenCalledTimes(1);
		segment.mockRestore();
		for (const text of ['e\u0301 combining', 'wide 界 and 🙂', '\u001B]8;;https://x\u0007link\u001B]8;;\u0007', 'soft\u00ADhyphen', '\u009B31mC1']) {
			expect(tokenize(text)).toEqual(reference(text));
		}
	});
});

describe('string-width: narrow text counted, other short text remembered', () => {
	it('gives the measured width of generated text (the options argument measures it the long way)', () => {
		const pieces = ['a', ' ', '█', '│', '→', '界', '🙂', 'e\u0301', '\u00AD', '\u001B[31m', '\u001B[39m', '\u001B]8;;x\u0007', 'ｱ', '\u200B', '한'];
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...pieces), {maxLength: 20}), (parts) => {
				const text = parts.join('');
				expect(stringWidth(text)).toBe(stringWidth(text, {}));
				expect(stringWidth(text)).toBe(stringWidth(text, {}));
			}),
			{numRuns: 3000, seed: 27},
		);
	});

	it('measures a narrow line without the segmenter, and a wide one once; unpatched, every time', async () => {
		const {default: unpatched} = await importFrom<{default: (text: string) => number}>(join(unpatchedCopy('string-width'), 'index.js'));
		const segments = (measure: (text: string) => number) =>
			segmenterCalls(() => {
				for (let frame = 0; frame < 3; frame++) {
					expect(measure('\u001B[32m✓\u001B[39m 70% │ ░██▍')).toBe(12);
					expect(measure('wide 界界 line')).toBe(14);
				}
			});

		expect(segments(stringWidth)).toBe(1);
		expect(segments(unpatched)).toBeGreaterThanOrEqual(6);
	});
});

// What Ink 8 does by itself, that concur-tui patched into Ink 6.8: kept as tests so that a change
// of Ink that lost them would be seen.
describe('ink 8 without patches: redraws in place, sends changed tails, bounds its text caches', () => {
	/** Writes frames through Ink's incremental renderer into a headless terminal; returns the screen and the bytes of each frame. */
	async function renderFrames(frames: readonly string[], columns = 30, rows = 8) {
		const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
		const written: string[] = [];
		const stream = {
			columns,
			rows,
			isTTY: true,
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

	it('redraws a frame that ends in a newline in place: no stale line above it (Ink 6.8 left "first" on screen)', async () => {
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

	it.each([
		['measure-text', (text: string) => measureText(text)],
		['wrap-text', (text: string) => wrapText(text, 20, 'wrap')],
	])('%s: 100,000 different texts leave no more behind than 10,000 do (Ink 6.8 kept them all)', (_name, use) => {
		setFlagsFromString('--expose-gc');
		const collect = runInNewContext('gc') as () => void;
		const heapAfter = (count: number, from: number) => {
			for (let i = from; i < from + count; i++) use(`a panel line that changes every frame, number ${i}`);
			collect();
			return process.memoryUsage().heapUsed;
		};

		const afterTen = heapAfter(10_000, 0);
		const afterHundred = heapAfter(100_000, 10_000);
		expect(afterHundred - afterTen).toBeLessThan(2 * 1024 * 1024);
	});
});
