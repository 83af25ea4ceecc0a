// What users install: the packed tarball, installed with no dev dependencies, run as a user would.
// Packed from a copy of the repository (so the working dist/ is left alone), with npm's own
// prepack step building the release bundle.
import {execFileSync, spawnSync} from 'node:child_process';
import {cpSync, mkdtempSync, readdirSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {delimiter, dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {beforeAll, describe, expect, it} from 'vitest';
import type {RunResult} from '../source/model/result-types.js';
import {PtyScreen} from './helpers/pty-screen.js';
import {userEnv} from './helpers/run-cli.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
// The installed bin's shebang finds `node` on PATH: the same Node as this test's.
const env = userEnv({PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`});
let tarballFiles: string[] = [];
let bin = '';
let installLog = '';

beforeAll(() => {
	const work = mkdtempSync(join(tmpdir(), 'concur-pack-'));
	const copy = join(work, 'repo');
	for (const entry of ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'scripts', 'source', 'examples']) cpSync(join(repo, entry), join(copy, entry), {recursive: true});
	symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'));
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {cwd: copy, env, encoding: 'utf8'}).trim().split('\n').at(-1)!;
	tarballFiles = execFileSync('tar', ['tzf', join(work, tarball)], {encoding: 'utf8'}).trim().split('\n');
	const prefix = join(work, 'prefix');
	installLog = execFileSync('npm', ['install', '--global', '--prefix', prefix, '--omit=dev', '--no-audit', '--no-fund', join(work, tarball)], {cwd: work, env, encoding: 'utf8'});
	bin = join(prefix, 'bin', 'concur-tui');
}, 120_000);

describe('the published package', () => {
	it('holds only what runs: the bundle, its workers, the examples, README and LICENSE', () => {
		expect(tarballFiles).toEqual(expect.arrayContaining(['package/dist/cli.js', 'package/dist/host.js', 'package/dist/worker.js', 'package/LICENSE', 'package/README.md', 'package/examples/io-task.mjs']));
		expect(tarballFiles.filter((file) => /\.map$|bench|bare-worker|devtools/.test(file))).toEqual([]);
	});

	it('installs as one package: the bundle needs no dependencies', () => {
		expect(installLog).toMatch(/added 1 package/);
	});

	it('runs from the installed bin: --version, a --json run, and a shipped example by name from any folder', () => {
		expect(execFileSync(bin, ['--version'], {env, encoding: 'utf8'}).trim()).toMatch(/^\d+\.\d+\.\d+$/);
		const run = spawnSync(bin, ['--task', 'example:io', '-n', '2', '-p', '2', '--json'], {env, encoding: 'utf8', cwd: tmpdir()});
		expect(run.status).toBe(0);
		const result = JSON.parse(run.stdout) as RunResult;
		expect(result.engines.every((engine) => engine.complete)).toBe(true);
		expect(readdirSync(dirname(result.config.modulePath!))).toContain('io-task.mjs');
	});

	it('draws the dashboard in a terminal and exits cleanly', async () => {
		const screen = new PtyScreen([], {cols: 100, rows: 30}, {shellCommand: `"${bin}" -w sleep -n 2 --task-ms 100 -p 2 --exit`, env});
		try {
			await screen.waitFor((text) => text.includes('Verdict:'), 30_000);
			expect((await screen.exited).exitCode).toBe(0);
		} finally {
			screen.kill();
		}
	});
});

describe('packing a fresh clone', () => {
	it('npm pack before npm ci: one line saying what to run, no stack trace', () => {
		// A copy with no node_modules: as cloned, before anything is installed.
		const copy = join(mkdtempSync(join(tmpdir(), 'concur-fresh-')), 'repo');
		for (const entry of ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'scripts', 'source', 'examples']) cpSync(join(repo, entry), join(copy, entry), {recursive: true});
		const pack = spawnSync('npm', ['pack', '--silent'], {cwd: copy, env, encoding: 'utf8'});
		expect(pack.status).not.toBe(0);
		expect(pack.stderr).toContain('concur-tui build: its tools are not installed (esbuild and patch-package, devDependencies): run npm ci first');
		expect(pack.stderr).not.toMatch(/\n\s+at /);
		expect(readdirSync(copy).filter((name) => name.endsWith('.tgz'))).toEqual([]);
	}, 60_000);
});
