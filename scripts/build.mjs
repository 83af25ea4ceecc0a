// Run: npm run build. Bundles the CLI and the engine entry points into dist/.
import {build} from 'esbuild';
import {chmod, readFile, rm} from 'node:fs/promises';
import {join} from 'node:path';
import {parseArgs} from 'node:util';
import {workerpoolExitFix} from './workerpool-exit-fix.js';

// --outdir DIR (its last folder must be named dist: built code finds its siblings by it) and
// --fault render: a test build whose header throws once a task is done (test/render-error).
const {values: cli} = parseArgs({options: {outdir: {type: 'string', default: 'dist'}, fault: {type: 'string'}}});
const outdir = cli.outdir;

/**
 * Ink 6.8's incremental renderer moves up one row too few when the previous frame ended with a
 * newline (every frame shorter than the terminal does), so each redraw starts one row low and
 * leaves a stale line above it. And it rewrites a changed line whole, where only its tail changed.
 * See docs/decisions.md. Fails the build if Ink's code changes.
 */
const patchInkIncrementalRendering = {
	name: 'patch-ink-incremental-rendering',
	setup(build) {
		build.onLoad({filter: /ink[\\/]build[\\/]log-update\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			const buggy = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
			if (!source.includes(buggy)) throw new Error(`${path} changed: review the incremental-rendering patch`);
			const fixed = "buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));";
			// Changed lines: write only their changed tail (scripts/ink-line-diff.js).
			const wholeLine = 'buffer.push(ansiEscapes.cursorTo(0) +\n                nextLines[i] +\n                ansiEscapes.eraseEndLine +';
			if (!source.includes(wholeLine)) throw new Error(`${path} changed: review the incremental-rendering patch`);
			const tailOnly = 'buffer.push(ansiEscapes.cursorTo(0) +\n                (previousLines[i] === undefined ? nextLines[i] + ansiEscapes.eraseEndLine : changedTail(previousLines[i], nextLines[i])) +';
			const lineDiff = new URL('ink-line-diff.js', import.meta.url).pathname;
			const contents = `import {changedTail} from ${JSON.stringify(lineDiff)};\n${source.replace(buggy, fixed).replace(wholeLine, tailOnly)}`;
			patchApplied('patch-ink-incremental-rendering', path);
			return {contents, loader: 'js'};
		});
	},
};

await rm(outdir, {recursive: true, force: true});

/**
 * Each patch below names the files it must change; the build fails unless each was changed once.
 * A dependency that renames or drops a file must never let a patch be skipped without a word.
 */
const expectedPatches = new Map();
const appliedPatches = new Map();
for (const [name, files] of Object.entries({
	'patch-ink-incremental-rendering': 1,
	'share-ink-output-caches': 1,
	'bound-ink-text-caches': 2,
	'share-style-arrays': 1,
	'patch-workerpool-exit': 1,
})) {
	expectedPatches.set(name, files);
}

function patchApplied(name, path) {
	appliedPatches.set(name, [...(appliedPatches.get(name) ?? []), path]);
}

/**
 * Ink 6.8 caches each line's parsed characters and widths, but in an OutputCaches made anew for
 * every frame, so an unchanged line is parsed again 10 times a second. The cached objects are
 * only read, so the caches can outlive a frame: shared by all frames, keeping what recent frames
 * used (scripts/two-generation-cache.js).
 * Likewise each frame's grid starts as width x height blank cells: one frozen object serves, and
 * a row made of the same cell objects as in the previous frame reuses that frame's text.
 */
const shareInkOutputCaches = {
	name: 'share-ink-output-caches',
	setup(build) {
		build.onLoad({filter: /ink[\\/]build[\\/]output\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			const perFrame = 'class OutputCaches {\n    widths = new Map();\n    blockWidths = new Map();\n    styledChars = new Map();';
			if (!source.includes(perFrame)) throw new Error(`${path} changed: review the output-cache patch`);
			const cacheModule = JSON.stringify(new URL('two-generation-cache.js', import.meta.url).pathname);
			const shared = [
				`import {TwoGenerationCache} from ${cacheModule};`,
				'const sharedCaches = {widths: new TwoGenerationCache(2000), blockWidths: new TwoGenerationCache(200), styledChars: new TwoGenerationCache(200)};',
				'class OutputCaches {',
				'    widths = sharedCaches.widths;',
				'    blockWidths = sharedCaches.blockWidths;',
				'    styledChars = sharedCaches.styledChars;',
			].join('\n');
			// Blank cells are only read, never changed: one object serves them all.
			const blankCell = "row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });";
			if (!source.includes(blankCell)) throw new Error(`${path} changed: review the output-cache patch`);
			// A row whose cells are the very objects of the previous frame's row prints the same.
			const rowsToString = `const generatedOutput = output
            .map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();
        })`;
			if (!source.includes(rowsToString)) throw new Error(`${path} changed: review the output-cache patch`);
			const cachedRows = `const generatedOutput = output
            .map((line, y) => {
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            const previous = previousRows[y];
            if (previous && previous.cells.length === lineWithoutEmptyItems.length && previous.cells.every((cell, x) => cell === lineWithoutEmptyItems[x])) return previous.text;
            const text = styledCharsToString(lineWithoutEmptyItems).trimEnd();
            previousRows[y] = {cells: lineWithoutEmptyItems, text};
            return text;
        })`;
			const patched = source
				.replace(perFrame, shared)
				.replace(rowsToString, cachedRows)
				.replace('class OutputCaches {', 'const previousRows = [];\nclass OutputCaches {')
				.replace(blankCell, 'row.push(sharedBlankCell);')
				.replace('class OutputCaches {', "const sharedBlankCell = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});\nclass OutputCaches {");
			patchApplied('share-ink-output-caches', path);
			return {contents: patched, loader: 'js'};
		});
	},
};

/**
 * Ink 6.8 keeps every text it ever measured or wrapped in caches that never shrink: a dashboard
 * whose panel text changes 10 times a second grew its heap by 1.2 MB/s. Both become bounded
 * caches that keep what recent frames used.
 */
const boundInkTextCaches = {
	name: 'bound-ink-text-caches',
	setup(build) {
		const cacheModule = JSON.stringify(new URL('two-generation-cache.js', import.meta.url).pathname);
		build.onLoad({filter: /ink[\\/]build[\\/](measure-text|wrap-text)\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			const isMeasure = path.endsWith('measure-text.js');
			const replacements = isMeasure
				? [['const cache = new Map();', 'const cache = new TwoGenerationCache(200);']]
				: [
						['const cache = {};', 'const cache = new TwoGenerationCache(200);'],
						['const cachedText = cache[cacheKey];', 'const cachedText = cache.get(cacheKey);'],
						['cache[cacheKey] = wrappedText;', 'cache.set(cacheKey, wrappedText);'],
					];
			let contents = source;
			for (const [from, to] of replacements) {
				if (!contents.includes(from)) throw new Error(`${path} changed: review the text-cache patch`);
				contents = contents.replace(from, to);
			}

			patchApplied('bound-ink-text-caches', path);
			return {contents: `import {TwoGenerationCache} from ${cacheModule};\n${contents}`, loader: 'js'};
		});
	},
};

/**
 * @alcalzone/ansi-tokenize (Ink's line parser) copies the active styles into a new array for
 * every character, then diffs neighbours' arrays when printing. The arrays it builds are never
 * changed afterwards, so neighbours with the same styles can share one array, and printing can
 * skip the diff when they do.
 */
const shareStyleArrays = {
	name: 'share-style-arrays',
	setup(build) {
		build.onLoad({filter: /ansi-tokenize[\\/]build[\\/]styledChars\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			const copy = 'styles: [...codes],';
			const spread = '...token,';
			const diff = 'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));';
			if (!source.includes(copy) || !source.includes(spread) || !source.includes(diff)) {
				throw new Error(`${path} changed: review the style-sharing patch`);
			}

			// A literal, not a spread: the spread gave every cached character its own hidden class
			// (about 300 bytes each in a heap snapshot; the literal needs 48).
			const contents = source
				.replace(spread, 'type: token.type, value: token.value, fullWidth: token.fullWidth,')
				.replace(copy, 'styles: codes,')
				.replace(diff, 'if (chars[i - 1].styles !== char.styles) ' + diff);
			patchApplied('share-style-arrays', path);
			return {contents, loader: 'js'};
		});
	},
};

/** workerpool's hang once every worker has exited by itself (scripts/workerpool-exit-fix.js). */
const patchWorkerpoolExit = {
	name: 'patch-workerpool-exit',
	setup(build) {
		build.onLoad({filter: /workerpool[\\/]src[\\/]WorkerHandler\.js$/}, async ({path}) => {
			let contents = await readFile(path, 'utf8');
			for (const [from, to] of workerpoolExitFix) {
				if (!contents.includes(from)) throw new Error(`${path} changed: review the workerpool exit patch`);
				contents = contents.replace(from, to);
			}

			patchApplied('patch-workerpool-exit', path);
			return {contents, loader: 'js'};
		});
	},
};

/** Every import of string-width in the bundle goes through a memoising wrapper (see the file). */
const memoiseStringWidth = {
	name: 'memoise-string-width',
	setup(build) {
		build.onResolve({filter: /^string-width(-original)?$/}, async ({path, resolveDir, kind, pluginData}) => {
			if (pluginData === 'original') return undefined;
			if (path === 'string-width-original') return build.resolve('string-width', {resolveDir, kind, pluginData: 'original'});
			return {path: new URL('string-width-memo.js', import.meta.url).pathname};
		});
	},
};

/** The test build's render error: app.tsx gets a header that throws mid-run. */
const renderFault = {
	name: 'render-fault',
	setup(build) {
		build.onResolve({filter: /header-line\.js$/}, ({importer}) =>
			importer.endsWith('app.tsx') ? {path: new URL('../test/fixtures/faulty-header-line.ts', import.meta.url).pathname} : undefined,
		);
	},
};

const faults = {render: renderFault};
if (cli.fault !== undefined && !(cli.fault in faults)) throw new Error(`unknown --fault ${cli.fault}`);

const shared = {
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	outdir,
	sourcemap: true,
	logLevel: 'warning',
	// CommonJS dependencies bundled into ESM still call require() for Node built-ins.
	banner: {js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);"},
	// Ink imports react-devtools-core statically; it is only used with DEV=true.
	alias: {'react-devtools-core': './scripts/empty-module.js'},
	// React's production build: smaller and faster than its development checks.
	define: {'process.env.NODE_ENV': '"production"'},
	plugins: [
		patchInkIncrementalRendering,
		shareInkOutputCaches,
		boundInkTextCaches,
		shareStyleArrays,
		memoiseStringWidth,
		patchWorkerpoolExit,
		...(cli.fault ? [faults[cli.fault]] : []),
	],
	// Native and test-only packages, used by the benchmark alone, load from node_modules.
	external: ['node-pty', '@xterm/headless'],
};

await build({
	...shared,
	entryPoints: {
		cli: 'source/cli.ts',
		host: 'source/engines/host/host-main.ts',
		reaper: 'source/orchestrator/reaper-main.ts',
		worker: 'source/engines/units/pool-worker-main.ts',
		'spawn-worker': 'source/engines/units/spawn-worker-main.ts',
		bench: 'bench/bench-main.ts',
		'bare-worker': 'bench/bare-worker.ts',
	},
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
});
await chmod(join(outdir, 'cli.js'), 0o755);

for (const [name, files] of expectedPatches) {
	const applied = appliedPatches.get(name) ?? [];
	if (applied.length !== files) throw new Error(`patch ${name} changed ${applied.length} of its ${files} files (${applied.join(', ') || 'none'}): review it against the installed package`);
}
