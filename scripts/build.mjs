// Run: npm run build. Bundles the CLI and the engine entry points into dist/.
import {build} from 'esbuild';
import {chmod, rm} from 'node:fs/promises';

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
