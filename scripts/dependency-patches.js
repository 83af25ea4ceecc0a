// Every change concur-tui makes to a dependency's code, in one table. Applied by one mechanism
// to what is built (scripts/build.mjs, an esbuild plugin) and to what the tests import
// (vitest.config.ts, a Vite transform), never on a user's machine. Each patch names the file(s)
// it changes and replaces exact text; if a file no longer holds that text, the patch throws, and
// the build fails when a patch changed fewer files than it names (see docs/decisions.md, "Ink,
// upgradeable", for what each patch is for and which of them Ink 7 makes unnecessary).
import {workerpoolExitFix} from './workerpool-exit-fix.js';

const helper = (name) => JSON.stringify(new URL(name, import.meta.url).pathname);

/** Replaces each [from, to] pair once; throws if `from` is missing. */
function replaceAll(source, path, pairs, patchName) {
	let contents = source;
	for (const [from, to] of pairs) {
		if (!contents.includes(from)) throw new Error(`${path} changed: review the patch ${patchName}`);
		contents = contents.replace(from, to);
	}

	return contents;
}

/**
 * Ink 6.8's incremental renderer moves up one row too few when the previous frame ended with a
 * newline (every frame shorter than the terminal does), so each redraw starts one row low and
 * leaves a stale line above it (fixed in Ink 7). And it rewrites a changed line whole, where
 * only its tail changed (scripts/ink-line-diff.js).
 */
const inkIncrementalRendering = {
	name: 'patch-ink-incremental-rendering',
	file: /ink[\\/]build[\\/]log-update\.js$/,
	files: 1,
	apply(source, path) {
		const patched = replaceAll(
			source,
			path,
			[
				[
					'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));',
					"buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));",
				],
				[
					'buffer.push(ansiEscapes.cursorTo(0) +\n                nextLines[i] +\n                ansiEscapes.eraseEndLine +',
					'buffer.push(ansiEscapes.cursorTo(0) +\n                (previousLines[i] === undefined ? nextLines[i] + ansiEscapes.eraseEndLine : changedTail(previousLines[i], nextLines[i])) +',
				],
			],
			this.name,
		);
		return `import {changedTail} from ${helper('ink-line-diff.js')};\n${patched}`;
	},
};

/**
 * Ink 6.8 caches each line's parsed characters and widths, but in an OutputCaches made anew for
 * every frame, so an unchanged line is parsed again 10 times a second. The cached objects are
 * only read, so the caches can outlive a frame: shared by all frames, keeping what recent frames
 * used (scripts/two-generation-cache.js). And each frame filled a grid of width x height cells,
 * character by character, then printed every row: a row's text follows from the grid's width and
 * the lines written to it, in order, so each row now keeps those writes, and a row written as in
 * the previous frame reuses that frame's text without a cell being touched. Only a row that
 * changed is filled (from one frozen blank cell) and printed.
 */
const inkOutputCaches = {
	name: 'share-ink-output-caches',
	file: /ink[\\/]build[\\/]output\.js$/,
	files: 1,
	apply(source, path) {
		const shared = [
			`import {TwoGenerationCache} from ${helper('two-generation-cache.js')};`,
			`import {narrowOnly} from ${helper('narrow-text.js')};`,
			'const sharedCaches = {widths: new TwoGenerationCache(2000), blockWidths: new TwoGenerationCache(200), styledChars: new TwoGenerationCache(200)};',
			"const sharedBlankCell = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});",
			// A row's text follows from the grid's width and the lines written to it, in order.
			'const previousRows = [];',
			// A line of narrow text (one cell a character) prints in a row as it prints alone: its
			// cells, opened from and closed to no style. So a row of such lines, in order, apart or
			// meeting where one side is unstyled, is those lines' texts with blanks between them.
			'const rowSegments = new TwoGenerationCache(200);',
			'function rowSegment(text, caches) {',
			'    let segment = rowSegments.get(text);',
			'    if (segment === undefined) {',
			'        const chars = narrowOnly.test(text) ? caches.getStyledChars(text) : undefined;',
			'        segment = chars === undefined ? null : {cells: chars.length, text: styledCharsToString(chars), opensStyled: chars.length > 0 && chars[0].styles.length > 0, closesStyled: chars.length > 0 && chars[chars.length - 1].styles.length > 0};',
			'        rowSegments.set(text, segment);',
			'    }',
			'    return segment;',
			'}',
			'function composedRow(width, writes, caches) {',
			"    let text = '';",
			'    let end = 0;',
			'    let closesStyled = false;',
			'    for (let index = 0; index < writes.length; index += 2) {',
			'        const x = writes[index];',
			'        const segment = rowSegment(writes[index + 1], caches);',
			'        if (segment === null || x < end || x + segment.cells > width) return undefined;',
			'        if (segment.cells === 0) continue;',
			'        if (x === end && closesStyled && segment.opensStyled) return undefined;',
			"        text += ' '.repeat(x - end) + segment.text;",
			'        end = x + segment.cells;',
			'        closesStyled = segment.closesStyled;',
			'    }',
			'    return text.trimEnd();',
			'}',
			'function rowText(y, width, writes, caches) {',
			"    let key = '';",
			"    for (let index = 0; index < writes.length; index += 2) key += writes[index] + '\\u0000' + writes[index + 1] + '\\u0001';",
			'    const previous = previousRows[y];',
			'    if (previous !== undefined && previous.width === width && previous.key === key) return previous.text;',
			'    const composed = composedRow(width, writes, caches);',
			'    if (composed !== undefined) {',
			'        previousRows[y] = {width, key, text: composed};',
			'        return composed;',
			'    }',
			'    const row = new Array(width).fill(sharedBlankCell);',
			'    for (let index = 0; index < writes.length; index += 2) {',
			'        let offsetX = writes[index];',
			'        for (const character of caches.getStyledChars(writes[index + 1])) {',
			'            row[offsetX] = character;',
			'            // Determine printed width using string-width to align with measurement',
			'            const characterWidth = Math.max(1, caches.getStringWidth(character.value));',
			'            // For multi-column characters, clear following cells to avoid stray spaces/artifacts',
			'            for (let next = 1; next < characterWidth; next++) {',
			"                row[offsetX + next] = {type: 'char', value: '', fullWidth: false, styles: character.styles};",
			'            }',
			'            offsetX += characterWidth;',
			'        }',
			'    }',
			'    // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742',
			'    const text = styledCharsToString(row.filter(item => item !== undefined)).trimEnd();',
			'    previousRows[y] = {width, key, text};',
			'    return text;',
			'}',
			'class OutputCaches {',
			'    widths = sharedCaches.widths;',
			'    blockWidths = sharedCaches.blockWidths;',
			'    styledChars = sharedCaches.styledChars;',
		].join('\n');
		return replaceAll(
			source,
			path,
			[
				['class OutputCaches {\n    widths = new Map();\n    blockWidths = new Map();\n    styledChars = new Map();', shared],
				// Each row starts as the list of lines written to it ([x, line, ...]), not a grid of cells.
				[
					"const row = [];\n            for (let x = 0; x < this.width; x++) {\n                row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });\n            }\n            output.push(row);",
					'output.push([]);',
				],
				[
					`const characters = this.caches.getStyledChars(line);
                    let offsetX = x;
                    for (const character of characters) {
                        currentLine[offsetX] = character;
                        // Determine printed width using string-width to align with measurement
                        const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));
                        // For multi-column characters, clear following cells to avoid stray spaces/artifacts
                        if (characterWidth > 1) {
                            for (let index = 1; index < characterWidth; index++) {
                                currentLine[offsetX + index] = {
                                    type: 'char',
                                    value: '',
                                    fullWidth: false,
                                    styles: character.styles,
                                };
                            }
                        }
                        offsetX += characterWidth;
                    }`,
					'currentLine.push(x, line);',
				],
				[
					`const generatedOutput = output
            .map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();
        })`,
					'const generatedOutput = output\n            .map((writes, y) => rowText(y, this.width, writes, this.caches))',
				],
			],
			this.name,
		);
	},
};

/**
 * Ink keeps every text it ever measured or wrapped in caches that never shrink (6.8 and 7.1
 * alike): a dashboard whose panel text changes 10 times a second grew its heap by 1.2 MB/s.
 * Both become bounded caches that keep what recent frames used.
 */
const inkTextCaches = {
	name: 'bound-ink-text-caches',
	file: /ink[\\/]build[\\/](measure-text|wrap-text)\.js$/,
	files: 2,
	apply(source, path) {
		const pairs = path.endsWith('measure-text.js')
			? [['const cache = new Map();', 'const cache = new TwoGenerationCache(200);']]
			: [
					['const cache = {};', 'const cache = new TwoGenerationCache(200);'],
					['const cachedText = cache[cacheKey];', 'const cachedText = cache.get(cacheKey);'],
					['cache[cacheKey] = wrappedText;', 'cache.set(cacheKey, wrappedText);'],
				];
		return `import {TwoGenerationCache} from ${helper('two-generation-cache.js')};\n${replaceAll(source, path, pairs, this.name)}`;
	},
};

/**
 * @alcalzone/ansi-tokenize (Ink's line parser) copies the active styles into a new array for
 * every character, then diffs neighbours' arrays when printing. The arrays it builds are never
 * changed afterwards, so neighbours with the same styles can share one array, and printing can
 * skip the diff when they do. A literal, not a spread: the spread gave every cached character its
 * own hidden class (about 300 bytes each in a heap snapshot; the literal needs 48).
 */
const shareStyleArrays = {
	name: 'share-style-arrays',
	file: /ansi-tokenize[\\/]build[\\/]styledChars\.js$/,
	files: 1,
	apply(source, path) {
		const diff = 'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));';
		return replaceAll(
			source,
			path,
			[
				['...token,', 'type: token.type, value: token.value, fullWidth: token.fullWidth,'],
				['styles: [...codes],', 'styles: codes,'],
				[diff, `if (chars[i - 1].styles !== char.styles) ${diff}`],
			],
			this.name,
		);
	},
};

/**
 * @alcalzone/ansi-tokenize splits every line it parses into graphemes with Intl.Segmenter (Ink
 * parses each changed line of each frame): 0.34 µs a character here. Text made only of SGR codes
 * and characters that are one grapheme and one column each (scripts/narrow-text.js) needs no
 * segmenter: each character is a token of its own, never full-width (0.01 µs a character).
 * Upstream: patches/ansi-tokenize-0.3.0-narrow-text-fast-path.patch.
 */
const tokenizeNarrowText = {
	name: 'tokenize-narrow-text-by-character',
	file: /ansi-tokenize[\\/]build[\\/]tokenize\.js$/,
	files: 1,
	apply(source, path) {
		const fastPath = [
			'export function tokenize(str, endChar = Number.POSITIVE_INFINITY) {',
			'    if (narrowOnly.test(str)) return tokenizeNarrow(str, endChar);',
			'    return tokenizeGraphemes(str, endChar);',
			'}',
			'function tokenizeNarrow(str, endChar) {',
			'    const ret = [];',
			'    let visible = 0;',
			'    for (let index = 0; index < str.length; index++) {',
			'        if (str.charCodeAt(index) === 27) {',
			'            const code = parseSGRSequence(str, index);',
			'            for (const individualCode of splitCompoundSGRSequences(code)) {',
			"                ret.push({type: 'ansi', code: individualCode, endCode: getEndCode(individualCode)});",
			'            }',
			'            index += code.length - 1;',
			'            continue;',
			'        }',
			"        ret.push({type: 'char', value: str[index], fullWidth: false});",
			'        visible++;',
			'        if (visible >= endChar) break;',
			'    }',
			'    return ret;',
			'}',
			'function tokenizeGraphemes(str, endChar = Number.POSITIVE_INFINITY) {',
		].join('\n');
		const patched = replaceAll(source, path, [['export function tokenize(str, endChar = Number.POSITIVE_INFINITY) {', fastPath]], this.name);
		return `import {narrowOnly} from ${helper('narrow-text.js')};\n${patched}`;
	},
};

/**
 * Ink 6.8 sanitizes every text node's text at every frame: any text holding an escape sequence
 * (every coloured one) is tokenized whole and put back together, to drop the sequences that would
 * break its layout (cursor moves, screen clears). A text whose only sequences are SGR (colours,
 * bold) comes back unchanged, and one regular expression tells so: it is now returned at once.
 */
const inkSanitizeSgrOnly = {
	name: 'sanitize-sgr-only-text-at-once',
	file: /ink[\\/]build[\\/]sanitize-ansi\.js$/,
	files: 1,
	apply(source, path) {
		return replaceAll(
			source,
			path,
			[
				[
					'const sanitizeAnsi = (text) => {\n    if (!hasAnsiControlCharacters(text)) {',
					[
						'// A C1 control character, or an ESC that does not start an SGR sequence: something to strip.',
						'const strippableControl = /[\\u0080-\\u009F]|\\u001B(?!\\[[\\d:;]*m)/;',
						'const sanitizeAnsi = (text) => {',
						'    // No control characters, or SGR sequences only: tokenizing would give the text back.',
						'    if (!strippableControl.test(text)) {',
					].join('\n'),
				],
			],
			this.name,
		);
	},
};

/** workerpool's hang once every worker has exited by itself (scripts/workerpool-exit-fix.js). */
const workerpoolExit = {
	name: 'patch-workerpool-exit',
	file: /workerpool[\\/]src[\\/]WorkerHandler\.js$/,
	files: 1,
	apply(source, path) {
		return replaceAll(source, path, workerpoolExitFix, this.name);
	},
};

export const dependencyPatches = [inkIncrementalRendering, inkOutputCaches, inkTextCaches, inkSanitizeSgrOnly, shareStyleArrays, tokenizeNarrowText, workerpoolExit];

/** The patch for a file, if any. */
export function patchFor(path) {
	return dependencyPatches.find((patch) => patch.file.test(path));
}
