// Run: npm run build. Bundles the CLI and the engine entry points into dist/.
import {spawnSync} from 'node:child_process';
import {chmod, rm} from 'node:fs/promises';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

// --outdir DIR (its last folder must be named dist: built code finds its siblings by it) and
// --fault render: a test build whose engine panels throw once a task is done (test/render-error);
// --fault oom: one whose panels keep memory at every frame once a task is done (test/signals).
// --release: what the package ships (npm pack runs it as prepack): no benchmark entries, no
// source maps, and Ink's React-devtools connector (loaded only with DEV=true) left out.
// Before anything else: `npm pack` on a fresh clone (prepack builds) has no build tools yet.
let build;
try {
	({build} = await import('esbuild'));
} catch {
	process.stderr.write('concur-tui build: its tools are not installed (esbuild and patch-package, devDependencies): run npm ci first\n');
	process.exit(1);
}

const {values: cli} = parseArgs({options: {outdir: {type: 'string', default: 'dist'}, fault: {type: 'string'}, release: {type: 'boolean', default: false}}});
const outdir = cli.outdir;

// Every change concur-tui makes to a dependency is a diff in patches/, applied to node_modules by
// patch-package before anything is bundled (tests run after a build, so they load the same code).
// Here and not in an install script: npm would warn every user who installs the package about a
// script of ours (npm 11's allowScripts), though it never runs it for them. Quiet unless it fails.
const patching = spawnSync(process.execPath, [fileURLToPath(import.meta.resolve('patch-package/index.js')), '--error-on-fail'], {encoding: 'utf8'});
if (patching.status !== 0) {
	process.stderr.write(patching.stdout + patching.stderr);
	throw new Error('patch-package could not apply patches/: see above');
}

await rm(outdir, {recursive: true, force: true});

/** A test build whose engine panels are drawn by a fixture that misbehaves mid-run. */
const panelFault = (name, fixture) => ({
	name,
	setup(build) {
		build.onResolve({filter: /panel-lines\.js$/}, ({importer}) =>
			importer.endsWith('engine-panel.tsx') ? {path: new URL(`../test/fixtures/${fixture}`, import.meta.url).pathname} : undefined,
		);
	},
});

/** Release builds: Ink's `await import('./devtools.js')` (DEV=true only) resolves to an empty module. */
const noDevtools = {
	name: 'no-devtools',
	setup(build) {
		build.onResolve({filter: /^\.\/devtools\.js$/}, ({importer}) =>
			/ink[\\/]build[\\/]reconciler\.js$/.test(importer) ? {path: new URL('empty-module.js', import.meta.url).pathname} : undefined,
		);
	},
};

const faults = {render: panelFault('render-fault', 'faulty-panel-lines.ts'), oom: panelFault('oom-fault', 'leaking-panel-lines.ts')};
if (cli.fault !== undefined && !(cli.fault in faults)) throw new Error(`unknown --fault ${cli.fault}`);

const shared = {
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	outdir,
	sourcemap: !cli.release,
	logLevel: 'warning',
	// CommonJS dependencies bundled into ESM still call require() for Node built-ins.
	banner: {js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);"},
	// Ink imports react-devtools-core statically; it is only used with DEV=true.
	alias: {'react-devtools-core': './scripts/empty-module.js'},
	// React's production build: smaller and faster than its development checks.
	define: {'process.env.NODE_ENV': '"production"'},
	plugins: [
		...(cli.fault ? [faults[cli.fault]] : []),
		...(cli.release ? [noDevtools] : []),
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
		'delay-server': 'source/delay-server/delay-server-main.ts',
		worker: 'source/engines/units/pool-worker-main.ts',
		'spawn-worker': 'source/engines/units/spawn-worker-main.ts',
		...(cli.release ? {} : {bench: 'bench/bench-main.ts', 'bare-worker': 'bench/bare-worker.ts'}),
	},
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
});
await chmod(join(outdir, 'cli.js'), 0o755);

