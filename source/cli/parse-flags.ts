import {runLimits} from '../config/limits.js';
import {existsSync, statSync} from 'node:fs';
import {resolve} from 'node:path';
import {defaultRunConfig, defaultTaskMs, presetConfig} from '../config/defaults.js';
import {
	engineNames,
	modeNames,
	presetNames,
	threadStrategies,
	workloadNames,
	type EngineName,
	type RunConfig,
} from '../model/run-config.js';
import {UsageError} from '../util/usage-error.js';
import {examplePath} from '../util/dist-file.js';
import {exampleNames} from '../config/examples.js';
import {checkExportTargets} from '../session/exports.js';
import {wantsAscii} from './ascii-output.js';
import {cpuList} from '../util/cpu-list.js';
import {defaultPoolSizes} from '../result/sweep-analysis.js';
import {sweepWorkNames, type SweepWork} from '../config/sweep-work.js';
import {libuvPoolSize} from '../measure/libuv-pool.js';

export const flagDefinitions = {
	workload: {type: 'string', shortFlag: 'w'},
	task: {type: 'string'},
	tasks: {type: 'string', shortFlag: 'n'},
	taskMs: {type: 'string'},
	pool: {type: 'string', shortFlag: 'p'},
	threads: {type: 'string'},
	mode: {type: 'string', shortFlag: 'm'},
	engines: {type: 'string', shortFlag: 'e'},
	preset: {type: 'string'},
	json: {type: 'boolean', default: false},
	trace: {type: 'string'},
	exit: {type: 'boolean', default: false},
	save: {type: 'string'},
	fps: {type: 'string'},
	timeout: {type: 'string'},
	heapLimit: {type: 'string'},
	runs: {type: 'string'},
	force: {type: 'boolean', default: false},
	ascii: {type: 'boolean'},
	cpus: {type: 'string'},
	pools: {type: 'string'},
	work: {type: 'string'},
	netPort: {type: 'string'},
	uvThreads: {type: 'string'},
	taskArg: {type: 'string'},
	auto: {type: 'boolean', default: false},
	chapter: {type: 'string'},
	list: {type: 'boolean', default: false},
} as const;

/** Flags as meow hands them over: strings for everything but switches. */
export type RawFlags = Record<string, unknown>;

export type CliOptions = {
	readonly config: RunConfig;
	readonly json: boolean;
	readonly tracePath: string | null;
	/** Where to write the result document after each run, or null. */
	readonly savePath: string | null;
	/** Dashboard: quit by itself once the run has ended and its result is on screen. */
	readonly exitWhenDone: boolean;
	/** Dashboard: frames per second at most. */
	readonly fps: number;
	/** Run even what looks too big for this machine (see config/scale-check.ts). */
	readonly force: boolean;
	/** Draw with ASCII only (--ascii, or a locale that is not UTF-8: cli/ascii-output.ts). */
	readonly ascii: boolean;
	/** `concur-tui sweep`: the pool sizes and the kind of work; null for a run. */
	readonly sweep: {readonly sizes: readonly number[]; readonly work: SweepWork} | null;
	/** `concur-tui replay FILE`: the saved result document to report; null otherwise. */
	readonly replay: string | null;
	/** `concur-tui tour`: which chapter (null: all), --auto, --list; null otherwise. */
	readonly tour?: TourOptions | null;
};

export type TourOptions = {readonly chapter: number | null; readonly auto: boolean; readonly list: boolean};

/** The tour's chapters are numbered 0 to this. */
const lastTourChapter = 8;

const limits = runLimits;
const defaultFps = 9;

function asText(value: unknown): string {
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What was given, for an error: `(got "abc")`, or that nothing was (`--pool` last on the line, `--pool=`). */
function got(value: unknown): string {
	return typeof value === 'string' && value.trim() === '' ? '(no value given)' : `(got "${asText(value)}")`;
}

function dashed(name: string): string {
	return `--${name.replaceAll(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T | undefined {
	if (value === undefined) return undefined;
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw new UsageError(`${dashed(name)} must be one of ${allowed.join(', ')} ${got(value)}`);
}

function wholeNumber(name: string, value: unknown, max: number): number | undefined {
	if (value === undefined) return undefined;
	const text = asText(value).trim();
	const number = Number(text);
	if (!/^\d+$/.test(text) || number < 1 || number > max) {
		throw new UsageError(`${dashed(name)} must be a whole number from 1 to ${max} ${got(value)}`);
	}

	return number;
}

/**
 * Milliseconds in plain decimal notation ("2.5" for a tiny task; never "1e3" or "0x10", which no
 * other flag takes either); `whole` for a time budget, where "1.5" is a mistake for 1.5 s.
 */
function positiveMs(name: string, value: unknown, max: number, whole = false): number | undefined {
	if (value === undefined) return undefined;
	const text = asText(value).trim();
	const number = Number(text);
	const form = whole ? /^\d+$/ : /^\d+(\.\d+)?$/;
	if (!form.test(text) || number <= 0 || number > max) {
		const what = whole ? `a whole number of ms from 1 to ${max}` : `a number of ms above 0 and at most ${max}, in plain decimals`;
		throw new UsageError(`${dashed(name)} must be ${what} ${got(value)}`);
	}

	return number;
}

/** V8 cannot run a Node thread or process in less than this many MB of old space. */
const smallestHeapMb = 16;

function heapLimit(value: unknown): number | null {
	const mb = wholeNumber('heapLimit', value, limits.heapLimitMb);
	if (mb === undefined) return null;
	if (mb < smallestHeapMb) throw new UsageError(`--heap-limit must be at least ${smallestHeapMb} MB ${got(value)}`);
	return mb;
}

function engineList(value: unknown): EngineName[] | undefined {
	if (value === undefined) return undefined;
	const names = asText(value)
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	const bad = names.find((name) => !(engineNames as readonly string[]).includes(name));
	if (names.length === 0 || bad !== undefined) {
		throw new UsageError(`--engines must be a comma-separated list of ${engineNames.join(', ')} ${got(value)}`);
	}

	// Keep the panels' order whatever order they were named in.
	return engineNames.filter((name) => names.includes(name));
}

/** The task modules shipped in examples/ (examples/NAME-task.mjs). */

function taskModulePath(value: unknown): string | null {
	if (value === undefined) return null;
	if (typeof value !== 'string' || value.trim() === '') throw new UsageError('--task needs the path of a task module');
	// A shipped example by name: works wherever concur-tui is installed.
	if (value.startsWith('example:')) {
		const name = value.slice('example:'.length);
		const path = examplePath(name);
		if (!/^[a-z-]+$/.test(name) || !existsSync(path)) throw new UsageError(`--task: no example named "${name}" (try ${exampleNames.map((each) => `example:${each}`).join(', ')})`);
		return path;
	}

	const path = resolve(value);
	if (!existsSync(path)) throw new UsageError(`--task: task module not found: ${value}`);
	if (!statSync(path).isFile()) throw new UsageError(`--task: not a file: ${value}`);
	// TypeScript runs where Node strips its types by itself (22.18+, 23.6+); elsewhere, one line.
	if (/\.[cm]?ts$/.test(path) && !(process.features as {typescript?: unknown}).typescript) {
		throw new UsageError(`--task: ${value} is TypeScript, which this Node (${process.version}) cannot run: Node 22.18 or later strips its types (or compile it to .mjs)`);
	}

	return path;
}

/** --task-arg: the JSON text every task of a module gets as its input, checked here once. */
function taskArg(value: unknown, modulePath: string | null): string | null {
	if (value === undefined) return null;
	if (modulePath === null) throw new UsageError('--task-arg gives a task module its input: use it with --task');
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	try {
		JSON.parse(text);
	} catch (error) {
		throw new UsageError(`--task-arg is not JSON (${error instanceof Error ? error.message : String(error)}): ${text}`);
	}

	return text;
}

function filePath(name: string, value: unknown): string | null {
	if (value === undefined) return null;
	if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} needs a file path`);
	return resolve(value);
}

/** Known flags in the camelCase meow uses, plus their short names. */
const knownKeys = new Set<string>([
	...Object.keys(flagDefinitions),
	...Object.values(flagDefinitions).flatMap((flag) => ('shortFlag' in flag ? [flag.shortFlag] : [])),
	'help',
	'version',
]);

/** Turns parsed flags into a validated run configuration; bad input is a UsageError. */
export function resolveOptions(flags: RawFlags, input: readonly string[], cores: number): CliOptions {
	const unknown = Object.keys(flags).find((key) => !knownKeys.has(key));
	if (unknown !== undefined) throw new UsageError(`unknown flag ${dashed(unknown)} (see concur-tui --help)`);
	if (input[0] === 'replay') return replayOptions(flags, input.slice(1));
	if (input[0] === 'tour') return tourOptions(flags, input.slice(1));
	const tourFlag = (['auto', 'chapter', 'list'] as const).find((name) => flags[name] !== undefined && flags[name] !== false);
	if (tourFlag) throw new UsageError(`--${tourFlag} belongs to concur-tui tour (see concur-tui --help)`);
	const sweeping = input[0] === 'sweep';
	const extra = input.slice(sweeping ? 1 : 0);
	if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" (see concur-tui --help)`);
	if (!sweeping) {
		const sweepFlag = (['pools', 'work'] as const).find((name) => flags[name] !== undefined);
		if (sweepFlag) throw new UsageError(`--${sweepFlag} belongs to concur-tui sweep (see concur-tui --help)`);
	}

	const preset = oneOf('preset', flags.preset, presetNames) ?? null;
	const modulePath = taskModulePath(flags.task);
	const workload = oneOf('workload', flags.workload, workloadNames);
	if (modulePath && workload) throw new UsageError('--task and --workload cannot be used together: a task module is the workload');

	// Pinned to some CPUs, the run's defaults (pool, task shape) follow the cores it may use.
	const cpus = cpuList(flags.cpus, cores);
	const base = defaultRunConfig(cpus?.length ?? cores);
	const fromPreset = preset ? presetConfig(preset, cpus?.length ?? cores) : {};
	const sweep = sweeping ? sweepSettings(flags, cpus?.length ?? cores) : null;
	const tasks = wholeNumber('tasks', flags.tasks, limits.tasks) ?? sweep?.defaultTasks ?? fromPreset.tasks ?? base.tasks;
	const config: RunConfig = {
		...base,
		...fromPreset,
		workload: modulePath ? 'module' : (workload ?? fromPreset.workload ?? base.workload),
		modulePath,
		tasks,
		// The default length follows the task count (--tasks 200: 20 ms each), as the help says.
		taskMs: positiveMs('taskMs', flags.taskMs, limits.taskMs) ?? fromPreset.taskMs ?? (sweep ? sweepTaskMs(sweep, tasks) : defaultTaskMs(tasks)),
		pool: wholeNumber('pool', flags.pool, limits.pool) ?? fromPreset.pool ?? base.pool,
		threads: oneOf('threads', flags.threads, threadStrategies) ?? fromPreset.threads ?? base.threads,
		mode: oneOf('mode', flags.mode, modeNames) ?? base.mode,
		engines: engineList(flags.engines) ?? base.engines,
		preset,
		timeoutMs: positiveMs('timeout', flags.timeout, limits.taskMs, true) ?? base.timeoutMs,
		heapLimitMb: heapLimit(flags.heapLimit),
		// A sweep's recommendation weighs each size's spread: three rounds unless told.
		runs: wholeNumber('runs', flags.runs, limits.runs) ?? (sweep ? 3 : base.runs),
		cpus,
		netPort: wholeNumber('netPort', flags.netPort, limits.netPort) ?? null,
		// Set in the environment instead, it is in force all the same: the run says so as it would for the flag.
		uvThreads: wholeNumber('uvThreads', flags.uvThreads, limits.uvThreads) ?? (process.env.UV_THREADPOOL_SIZE === undefined ? null : libuvPoolSize(process.env)),
		taskArg: taskArg(flags.taskArg, modulePath),
	};
	// Async starts every fs task at once, each with a file open and requests queued on libuv's
	// pool: past this, the host's own work waits behind them (at 100,000, for over 15 s).
	if (config.workload === 'fs' && config.tasks > limits.fsTasks) throw new UsageError(`-w fs runs at most ${limits.fsTasks} tasks (a file each, all at once on async; got ${config.tasks})`);
	if (config.netPort !== null && config.workload !== 'net') throw new UsageError('--net-port sets the delay server of -w net, and this run\'s workload is not net');

	const trace = filePath('trace', flags.trace);
	const save = filePath('save', flags.save);
	checkExportTargets({tracePath: trace, savePath: save}, modulePath);

	return {
		config,
		json: flags.json === true,
		tracePath: trace,
		savePath: save,
		exitWhenDone: flags.exit === true,
		fps: wholeNumber('fps', flags.fps, limits.fps) ?? defaultFps,
		force: flags.force === true,
		ascii: wantsAscii(typeof flags.ascii === 'boolean' ? flags.ascii : undefined),
		sweep: sweep ? {sizes: sweep.sizes, work: sweep.work} : null,
		replay: null,
	};
}

/** `concur-tui replay FILE`: one saved document; of the flags only --ascii applies (nothing runs). */
function replayOptions(flags: RawFlags, files: readonly string[]): CliOptions {
	if (files.length !== 1) throw new UsageError(`replay takes one saved result document (concur-tui replay run.json), got ${files.length === 0 ? 'none' : files.length}`);
	refuseFlagsBesides(flags, ['ascii'], 'concur-tui replay, which reads a saved run');
	return {...subcommandOptions(flags), replay: files[0]!};
}

/** `concur-tui tour`: its own flags, and --json and --ascii; nothing else applies (each chapter sets its runs). */
function tourOptions(flags: RawFlags, extra: readonly string[]): CliOptions {
	if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" (concur-tui tour takes flags only: --chapter N, --auto, --list, --json)`);
	refuseFlagsBesides(flags, ['auto', 'chapter', 'list', 'json', 'ascii'], 'concur-tui tour: each chapter sets its own runs');
	const chapter = flags.chapter === undefined ? null : wholeNumberFrom('chapter', flags.chapter, 0, lastTourChapter);
	// --list runs nothing: a flag about running chapters beside it would be silently ignored.
	if (flags.list === true && (flags.auto === true || chapter !== null)) throw new UsageError(`--list lists the chapters and runs none: it does not go with ${flags.auto === true ? '--auto' : '--chapter'}`);
	return {...subcommandOptions(flags), json: flags.json === true, tour: {chapter, auto: flags.auto === true, list: flags.list === true}};
}

/** A subcommand that sets its own runs takes only `own` flags: the first other one given is a usage error. */
function refuseFlagsBesides(flags: RawFlags, own: readonly string[], doesNotApplyTo: string): void {
	const given = Object.keys(flags).find((key) => !own.includes(key) && flags[key] !== undefined && flags[key] !== false);
	if (given !== undefined) throw new UsageError(`${dashed(given)} does not apply to ${doesNotApplyTo}`);
}

/** The options of a subcommand that makes its own runs (replay, tour): defaults, and the drawing asked for. */
function subcommandOptions(flags: RawFlags): CliOptions {
	return {
		config: defaultRunConfig(1),
		json: false,
		tracePath: null,
		savePath: null,
		exitWhenDone: false,
		fps: defaultFps,
		force: false,
		ascii: wantsAscii(typeof flags.ascii === 'boolean' ? flags.ascii : undefined),
		sweep: null,
		replay: null,
	};
}

/** A whole number from `min` to `max` (a chapter may be 0). */
function wholeNumberFrom(name: string, value: unknown, min: number, max: number): number {
	const text = asText(value).trim();
	const number = Number(text);
	if (!/^\d+$/.test(text) || number < min || number > max) throw new UsageError(`${dashed(name)} must be a whole number from ${min} to ${max} ${got(value)}`);
	return number;
}

type SweepSettings = {readonly sizes: number[]; readonly work: SweepWork; readonly defaultTasks: number};

/**
 * --pools and --work of `concur-tui sweep`. Fixed work: 3 tasks per unit of the largest pool, at
 * every size; scaled: 3 per unit at each size (--tasks is then per unit).
 */
function sweepSettings(flags: RawFlags, cores: number): SweepSettings {
	const work = oneOf('work', flags.work, sweepWorkNames) ?? 'fixed';
	const sizes = flags.pools === undefined ? defaultPoolSizes(cores) : poolList(flags.pools);
	return {sizes, work, defaultTasks: work === 'fixed' ? 3 * Math.max(...sizes) : 3};
}

/** About 1.2 s of work at the smallest size, each task 10 to 300 ms. */
function sweepTaskMs(sweep: SweepSettings, tasks: number): number {
	const atSmallest = sweep.work === 'fixed' ? tasks / sweep.sizes[0]! : tasks;
	return Math.min(300, Math.max(10, Math.round(1200 / atSmallest)));
}

function poolList(value: unknown): number[] {
	const parts = asText(value).split(',').map((part) => part.trim());
	const sizes = parts.map((part) => Number(part));
	if (parts.some((part) => !/^\d+$/.test(part)) || sizes.some((size) => size < 1 || size > limits.pool)) {
		throw new UsageError(`--pools must be a comma-separated list of pool sizes from 1 to ${limits.pool} ${got(value)}`);
	}

	return [...new Set(sizes)].sort((a, b) => a - b);
}
