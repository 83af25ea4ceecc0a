// Run: npm run build. Bundles the CLI and the engine entry points into dist/.
import {build} from 'esbuild';
import {chmod, readFile, rm} from 'node:fs/promises';

/**
 * Ink 6.8's incremental renderer moves up one row too few when the previous frame ended with a
 * newline (every frame shorter than the terminal does), so each redraw starts one row low and
 * leaves a stale line above it. See docs/decisions.md. Fails the build if Ink's code changes.
 */
const patchInkIncrementalRendering = {
	name: 'patch-ink-incremental-rendering',
	setup(build) {
		build.onLoad({filter: /ink[\\/]build[\\/]log-update\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			const buggy = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
			if (!source.includes(buggy)) throw new Error(`${path} changed: review the incremental-rendering patch`);
			const fixed = "buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));";
			return {contents: source.replace(buggy, fixed), loader: 'js'};
		});
	},
};

await rm('dist', {recursive: true, force: true});

const shared = {
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	outdir: 'dist',
	sourcemap: true,
	logLevel: 'warning',
	// CommonJS dependencies bundled into ESM still call require() for Node built-ins.
	banner: {js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);"},
	// Ink imports react-devtools-core statically; it is only used with DEV=true.
	alias: {'react-devtools-core': './scripts/empty-module.js'},
	// React's production build: smaller and faster than its development checks.
	define: {'process.env.NODE_ENV': '"production"'},
	plugins: [patchInkIncrementalRendering],
};

await build({
	...shared,
	entryPoints: {
		cli: 'source/cli.ts',
		host: 'source/engines/host/host-main.ts',
		worker: 'source/engines/units/pool-worker-main.ts',
		'spawn-worker': 'source/engines/units/spawn-worker-main.ts',
		bench: 'bench/bench-main.ts',
		'bare-worker': 'bench/bare-worker.ts',
	},
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
});
await chmod('dist/cli.js', 0o755);
