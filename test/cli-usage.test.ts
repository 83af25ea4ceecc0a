// Bad input gets one clear line on stderr and exit code 2, never a stack trace.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {fixture, runCli} from './helpers/run-cli.js';

const badInputs: Array<[string, string[], RegExp]> = [
	['an unknown workload', ['--workload', 'gpu'], /--workload must be one of cpu, sleep, hash, mixed/],
	['a non-numeric task count', ['--tasks', 'many'], /--tasks must be a whole number from 1 to 100000/],
	['zero tasks', ['--tasks', '0'], /--tasks/],
	['too many tasks', ['--tasks', '100001'], /--tasks/],
	['a fractional pool', ['--pool', '1.5'], /--pool must be a whole number from 1 to 1024/],
	['a pool over 1024', ['--pool', '1025'], /--pool/],
	['a negative task size', ['--task-ms', '-5'], /--task-ms must be a number of ms above 0/],
	['a task size in exponent form', ['--task-ms', '1e3'], /--task-ms must be a number of ms above 0 and at most \d+, in plain decimals/],
	['a task count in hexadecimal', ['-n', '0x10'], /--tasks must be a whole number/],
	['a switch given a value', ['--exit=maybe'], /--exit is a switch and takes no value \(got "--exit=maybe"\)/],
	['a negated switch given a value', ['--no-ascii=1'], /--no-ascii is a switch and takes no value/],
	['a fractional timeout', ['--timeout', '1.5'], /--timeout must be a whole number of ms/],
	['a non-numeric task size', ['--task-ms', 'soon'], /--task-ms/],
	['an unknown engine', ['--engines', 'async,gpu'], /--engines must be a comma-separated list of async, threads, processes/],
	['an unknown mode', ['--mode', 'fast'], /--mode must be one of sequential, race/],
	['an unknown strategy', ['--threads', 'fibers'], /--threads must be one of pool, spawn/],
	['an unknown preset', ['--preset', 'seed'], /--preset must be one of seed-io, seed-cpu/],
	['an unknown flag', ['--bogus'], /unknown flag --bogus/],
	['an unknown short flag', ['-q'], /unknown flag -q \(see concur-tui --help\)/],
	['an unknown letter in a group of short flags', ['-Xn', '4'], /unknown flag -X in "-Xn"/],
	['a group whose valued flag takes the rest as its value', ['-nv'], /--tasks must be a whole number from 1 to 100000 \(got "v"\)/],
	['a timeout of zero', ['--timeout', '0'], /--timeout must be a whole number of ms from 1 to/],
	['a heap limit too small to run Node', ['--heap-limit', '8'], /--heap-limit must be at least 16 MB/],
	['a fractional heap limit', ['--heap-limit', '64.5'], /--heap-limit must be a whole number/],
	['a stray argument', ['cpu'], /unexpected argument "cpu"/],
	['a missing task module', ['--task', 'no/such/file.mjs'], /task module not found: no\/such\/file.mjs/],
	['an example that does not exist', ['--task', 'example:nope'], /no example named "nope" \(try example:fibonacci, example:io, example:mixed\)/],
	['a task module with a syntax error', ['--task', fixture('syntax-error.mjs')], /failed to load: SyntaxError/],
	['a task module without a default export', ['--task', fixture('no-default.mjs')], /must export a default function.*no default export/],
	['a default export that is not a function', ['--task', fixture('default-not-function.mjs')], /default export of type number/],
	['a pool far beyond the cores, headless', ['-p', '1024', '-e', 'threads'], /this run starts 1024 threads: more than 4 × the \d+ cores; add --force to run it anyway/],
	['a flag given twice', ['--tasks', '5', '--tasks', '6'], /The flag --tasks can only be set once/],
	['--task with --workload', ['--task', fixture('custom-task.mjs'), '-w', 'cpu'], /cannot be used together/],
	['a libuv pool of none', ['--uv-threads', '0'], /--uv-threads must be a whole number from 1 to 1024 \(got "0"\)/],
	['too many fs tasks', ['-w', 'fs', '-n', '5001'], /^concur-tui: -w fs runs at most 5000 tasks \(a file each, all at once on async; got 5001\)$/],
	['a valued flag last on the line, with no value', ['-w', 'net', '--net-port'], /^concur-tui: --net-port must be a whole number from 1 to 65535 \(no value given\)$/],
	['a valued flag given an empty value', ['--task-ms='], /^concur-tui: --task-ms must be a number of ms above 0 and at most \d+, in plain decimals \(no value given\)$/],
	['--task-arg that is not JSON', ['--task', fixture('task-arg-task.mjs'), '--task-arg', '{'], /--task-arg is not JSON \(.*\): \{$/],
	['--task-arg without a task module', ['-w', 'cpu', '--task-arg', '1'], /--task-arg gives a task module its input: use it with --task/],
	['replay without a file', ['replay'], /replay takes one saved result document \(concur-tui replay run.json\), got none/],
	['replay of a folder', ['replay', '.'], /cannot read \.: it is a folder$/],
	['a flag of two words given twice', ['--task-ms', '5', '--task-ms', '6'], /The flag --task-ms can only be set once/],
	['replay of two files', ['replay', 'a.json', 'b.json'], /replay takes one saved result document .*, got 2/],
	['replay of a missing file', ['replay', 'no/such/run.json'], /cannot read no\/such\/run.json: no such file/],
	['replay of a file that is not JSON', ['replay', fixture('syntax-error.mjs')], /syntax-error.mjs is not JSON \(/],
	['replay of a document of another schema', ['replay', fixture('saved/schema-1.json')], /is a result document of schema 1; this concur-tui reads schema 2/],
	['replay of a document without its verdict', ['replay', fixture('saved/no-verdict.json')], /no-verdict.json lacks "verdict", which its report needs/],
	['replay with a flag of a run', ['replay', fixture('saved/schema-1.json'), '-n', '4'], /--tasks does not apply to concur-tui replay, which reads a saved run/],
];

describe('bad input', () => {
	it.each(badInputs)('rejects %s with one line and exit code 2', async (_what, args, message) => {
		const run = await runCli(args);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		const lines = run.stderr.trimEnd().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^concur-tui: /);
		expect(lines[0]).toMatch(message);
		expect(run.stderr).not.toMatch(/\n\s+at /);
	});
});

describe('help and version', () => {
	it('prints usage with every flag and exits 0', async () => {
		const run = await runCli(['--help']);
		expect(run.code).toBe(0);
		for (const flag of ['--workload', '--task', '--tasks', '--task-ms', '--pool', '--threads', '--mode', '--engines', '--preset', '--runs', '--timeout', '--heap-limit', '--force', '--json', '--trace', '--save', '--exit', '--fps', '--ascii', '--cpus', '--pools', '--work']) {
			expect(run.stdout).toContain(flag);
		}
	});

	it('fits 80 columns, every line, and answers -h as --help', async () => {
		const run = await runCli(['--help']);
		const widest = Math.max(...run.stdout.split('\n').map((line) => stringWidth(line)));
		expect(widest).toBeLessThanOrEqual(80);
		expect((await runCli(['-h'])).stdout).toBe(run.stdout);
	});

	it('is what the README shows under Usage, word for word', async () => {
		const run = await runCli(['--help']);
		const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
		expect(readme).toContain(run.stdout.trim());
	});

	it.each(['-v', '-V'])('answers %s with the version', async (flag) => {
		const run = await runCli([flag]);
		expect(run.code).toBe(0);
		expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
	});

	it.each([
		['-vn 4', 'version', ['-vn', '4']],
		['-n 3 --version', 'version', ['-n', '3', '--version']],
		['-hv', 'help', ['-hv']],
		['-e async -h', 'help', ['-e', 'async', '-h']],
	] as const)('reads short flags grouped or among others as getopt does: %s answers with the %s and runs nothing', async (_text, answer, args) => {
		const run = await runCli(args);
		expect(run.code).toBe(0);
		expect(run.stderr).toBe('');
		if (answer === 'version') expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
		else expect(run.stdout).toContain('Usage');
	});

	it('prints the version from package.json', async () => {
		const run = await runCli(['--version']);
		expect(run.code).toBe(0);
		expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
	});
});
