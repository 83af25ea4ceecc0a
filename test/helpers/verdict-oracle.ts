// An oracle for the verdict that cannot agree with it by construction: it imports nothing from
// source/, reads every figure from the result document (JSON) itself, and states each rule of a
// true sentence in its own words. A verdict is checked clause by clause; what it says wrongly is
// returned as problems.

/** The parts of a result document the oracle reads (schema 2). */
type OracleTask = {readonly startMs: number | null; readonly endMs: number | null; readonly runStartMs?: number | null; readonly ok: boolean};
type OracleEngine = {
	readonly engine: string;
	readonly elapsedMs: number;
	readonly cpuMs: number;
	readonly parallelism: number;
	readonly peakRssBytes: number;
	readonly startupMs: number;
	readonly loopLagMaxMs: number;
	readonly mainThreadCpuMs: number | null;
	readonly otherLoadCores: number | null;
	readonly throttling?: {readonly quotaCores: number; readonly periods: number; readonly throttledPeriods: number; readonly throttledMs: number} | null;
	readonly complete: boolean;
	readonly lanes: readonly unknown[];
	readonly tasks: readonly OracleTask[];
	readonly coreSamples: ReadonlyArray<{readonly busy: readonly number[]}>;
	readonly spread: {readonly rounds: number; readonly medianMs: number; readonly minMs: number; readonly maxMs: number};
};
export type OracleDocument = {
	readonly machine: {readonly cores: number};
	readonly config: {readonly tasks: number; readonly pool: number; readonly taskMs: number; readonly workload: string; readonly cpus: readonly number[] | null; readonly mode: string};
	readonly engines: readonly OracleEngine[];
	readonly rounds: ReadonlyArray<{readonly engines: ReadonlyArray<{readonly engine: string; readonly failed?: readonly unknown[]}>}>;
};

const engineNames = ['async', 'threads', 'processes'];

// How figures are written on screen (the format is the product's promise, so it is restated here).
const secondsText = (ms: number) => (ms >= 10_000 ? (ms / 1000).toFixed(1) : (ms / 1000).toFixed(2));
const megabytesText = (bytes: number) => String(Math.round(bytes / 1024 / 1024));

/** The most tasks running at one instant (ends before starts at the same instant). */
function atOnce(tasks: readonly OracleTask[]): number {
	const edges: Array<[number, number]> = [];
	for (const task of tasks) {
		if (task.startMs === null) continue;
		edges.push([task.startMs, 1], [task.endMs ?? Number.POSITIVE_INFINITY, -1]);
	}

	edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let now = 0;
	let most = 0;
	for (const [, step] of edges) {
		now += step;
		most = Math.max(most, now);
	}

	return most;
}

/** The pools' CPU share of their tasks' running time (the least disturbed pool's), or null. */
function cpuShare(engines: readonly OracleEngine[], cores: number): number | null {
	const shares: number[] = [];
	for (const engine of engines) {
		if (engine.engine === 'async' || engine.cpuMs <= 0) continue;
		let running = 0;
		for (const task of engine.tasks) {
			const start = task.runStartMs ?? task.startMs;
			if (start !== null && task.endMs !== null) running += Math.max(0, task.endMs - start);
		}

		running = Math.min(running, engine.elapsedMs * cores);
		if (running > 0) shares.push(Math.min(1, engine.cpuMs / running));
	}

	return shares.length === 0 ? null : Math.max(...shares);
}

/** Other programs held cores of a full machine while this engine wanted the CPU. */
function skewed(engine: OracleEngine, cores: number): boolean {
	if (engine.otherLoadCores === null || engine.otherLoadCores < 0.25 || engine.parallelism < 0.25) return false;
	if (engine.coreSamples.length === 0) return true;
	const busy = engine.coreSamples.reduce((sum, sample) => sum + sample.busy.reduce((a, b) => a + b, 0), 0) / engine.coreSamples.length;
	return busy >= cores - 0.25;
}

/** The most other load could have slowed an engine: cores ÷ what it left (at most 4×). */
function loadBound(engine: OracleEngine, cores: number): number {
	return skewed(engine, cores) ? cores / Math.max(cores - engine.otherLoadCores!, cores / 4) : 1;
}

const helperCores = (engine: OracleEngine) =>
	engine.elapsedMs <= 0 ? 0 : engine.mainThreadCpuMs === null ? Math.max(0, engine.parallelism - 1) : Math.max(0, engine.cpuMs - engine.mainThreadCpuMs) / engine.elapsedMs;

const failedIn = (document: OracleDocument, engine: OracleEngine) =>
	Math.max(
		engine.tasks.filter((task) => task.endMs !== null && !task.ok).length,
		...document.rounds.map((round) => round.engines.find((each) => each.engine === engine.engine)?.failed?.length ?? 0),
	);

/** Every number the document justifies, as the verdict could write it. */
function justified(document: OracleDocument): Set<string> {
	const numbers = new Set<string>();
	const add = (...values: Array<string | number>) => {
		for (const value of values) for (const token of String(value).match(/\d+(?:\.\d+)?/g) ?? []) numbers.add(token);
	};

	const {engines, config, machine} = document;
	add(config.tasks, config.pool, machine.cores, Math.round(config.taskMs), document.rounds.length, engines.length, 1, 2, 3, 10, 100);
	const cores = machine.cores;
	for (const engine of engines) {
		add(secondsText(engine.elapsedMs), secondsText(engine.spread.medianMs), secondsText(engine.spread.minMs), secondsText(engine.spread.maxMs), (engine.spread.minMs / 1000).toFixed(2));
		add(engine.parallelism.toFixed(2), Math.round(engine.loopLagMaxMs), Math.round(engine.startupMs), megabytesText(engine.peakRssBytes), Math.round(engine.elapsedMs));
		add(atOnce(engine.tasks), engine.lanes.length, helperCores(engine).toFixed(2), loadBound(engine, cores).toFixed(2), failedIn(document, engine), engine.tasks.length);
		if (engine.otherLoadCores !== null) add(engine.otherLoadCores.toFixed(1));
		if (engine.throttling) add(engine.throttling.quotaCores.toFixed(1), engine.throttling.periods, engine.throttling.throttledPeriods, secondsText(engine.throttling.throttledMs));
		add(Math.round(engine.spread.maxMs - engine.spread.minMs));
		for (const other of engines) {
			if (other.elapsedMs > 0) add((engine.elapsedMs / other.elapsedMs).toFixed(2));
			add(Math.round(Math.abs(engine.elapsedMs - other.elapsedMs)));
		}
	}

	const share = cpuShare(engines.filter((engine) => engine.complete), document.config.cpus?.length ?? cores);
	if (share !== null) add(Math.round(share * 100));
	return numbers;
}

/** What is wrong with `verdict` for `document`, or nothing. */
export function verdictOracle(document: OracleDocument, verdict: string): string[] {
	const problems: string[] = [];
	const cores = document.machine.cores;
	const usable = document.config.cpus?.length ?? cores;
	const present = new Map(document.engines.map((engine) => [engine.engine, engine]));
	const compared = document.engines.filter((engine) => engine.complete && failedIn(document, engine) === 0);
	const byTime = [...compared].sort((a, b) => a.elapsedMs - b.elapsedMs);
	const fastest = byTime[0];
	const slowest = byTime.at(-1);
	const rounds = compared.length > 0 ? Math.min(...compared.map((engine) => engine.spread.rounds)) : 0;
	const share = cpuShare(compared, usable);
	const anySkewed = compared.some((engine) => skewed(engine, cores));

	// Every number is a figure of the document.
	const numbers = justified(document);
	for (const token of verdict.match(/(?<![A-Za-z\d.])\d+(?:\.\d+)?/g) ?? []) {
		if (!numbers.has(token)) problems.push(`states ${token}, which is no figure of the document`);
	}

	// No word about an engine that did not run.
	for (const name of engineNames) {
		if (present.has(name)) continue;
		const mentioned = name === 'async' ? /\basync\b/.test(verdict) : new RegExp(`\\b${name} (?:won|ran|\\d|and \\w+ tied)|(?:during|than|and) ${name}\\b`).test(verdict);
		if (mentioned) problems.push(`speaks of ${name}, which did not run`);
	}

	if (!present.has('async') && /needs neither threads nor cores/.test(verdict)) problems.push('says waiting needs no threads, but async (the engine that would show it) did not run');

	// Figures bound to an engine are that engine's.
	for (const match of verdict.matchAll(/\b(async|threads|processes) (\d+\.\d+)(?:-(\d+\.\d+))? s\b/g)) {
		const engine = present.get(match[1]!);
		if (!engine) continue;
		const allowed = new Set([secondsText(engine.elapsedMs), secondsText(engine.spread.medianMs), secondsText(engine.spread.minMs), secondsText(engine.spread.maxMs), (engine.spread.minMs / 1000).toFixed(2)]);
		if (match[3] === undefined && !allowed.has(match[2]!)) problems.push(`gives ${match[1]} ${match[2]} s, which is none of its times`);
		if (match[3] !== undefined && (match[2] !== (engine.spread.minMs / 1000).toFixed(2) || match[3] !== secondsText(engine.spread.maxMs))) problems.push(`gives ${match[1]} the range ${match[2]}-${match[3]} s, not its rounds' range`);
	}

	for (const match of verdict.matchAll(/\b(async|threads|processes) (\d+) MB\b/g)) {
		const engine = present.get(match[1]!);
		if (engine && megabytesText(engine.peakRssBytes) !== match[2]) problems.push(`gives ${match[1]} ${match[2]} MB, its peak was ${megabytesText(engine.peakRssBytes)} MB`);
	}

	// A median is one time, never a range.
	const medians = /(?:medians|median rounds) of (\d+) rounds: ([^;)]*)/.exec(verdict);
	if (medians) {
		if (Number(medians[1]) !== rounds) problems.push(`speaks of ${medians[1]} rounds, the engines ran ${rounds}`);
		for (const part of medians[2]!.split(', ')) {
			const item = /^(\w+) (\d+\.\d+)(-\d+\.\d+)? s$/.exec(part);
			if (!item) continue;
			const engine = present.get(item[1]!);
			if (item[3] !== undefined) problems.push(`calls a range (${part}) a median`);
			else if (engine && item[2] !== secondsText(engine.elapsedMs) && item[2] !== secondsText(engine.spread.medianMs)) problems.push(`gives ${part} as a median`);
		}
	}

	// Ranges said to overlap do overlap (as shown, to the hundredth of a second).
	const overlap = /overlap across \d+ rounds \(([^)]*)\)/.exec(verdict);
	if (overlap && fastest) {
		const fastestMax = Number(secondsText(fastest.spread.maxMs));
		for (const part of overlap[1]!.split(', ')) {
			const engine = present.get(part.split(' ')[0]!);
			if (engine && Number((engine.spread.minMs / 1000).toFixed(2)) > fastestMax) problems.push(`says ${engine.engine}'s times overlap the fastest's, but its fastest round (${secondsText(engine.spread.minMs)} s) is slower than their slowest (${secondsText(fastest.spread.maxMs)} s)`);
		}
	}

	// Ties and wins, by the rules the README states: 1.25× apart in one round; with rounds, ranges apart and 1.1×.
	const apart = (a: OracleEngine, b: OracleEngine) => (rounds >= 2 ? b.spread.minMs > a.spread.maxMs && b.elapsedMs / a.elapsedMs >= 1.1 : b.elapsedMs / a.elapsedMs >= 1.25);
	const farAhead = fastest !== undefined && compared.every((engine) => engine === fastest || engine.elapsedMs / loadBound(engine, cores) >= 1.25 * fastest.elapsedMs);
	const won = /^(\w+) won on/.exec(verdict);
	if (won && fastest) {
		if (won[1] !== fastest.engine) problems.push(`names ${won[1]} the winner, but ${fastest.engine} was fastest`);
		for (const other of compared) if (other !== fastest && !apart(fastest, other)) problems.push(`names a winner, but ${other.engine} was within the noise of ${fastest.engine}`);
		if (anySkewed && !farAhead) problems.push('names a winner that other programs\' load could explain');
	}

	const tied = /^(\w+) and (\w+) tied for first/.exec(verdict);
	if (tied && fastest) {
		for (const name of [tied[1]!, tied[2]!]) {
			const engine = present.get(name);
			if (!engine || apart(fastest, engine)) problems.push(`puts ${name} in a tie for first, but it was clearly slower than ${fastest.engine}`);
		}
	}

	// The times and ratio of a tie are the tied engines' own.
	const tieFigures = /^(\w+) and (\w+) tied for first on [^(]*\((\d+\.\d+) s and (\d+\.\d+) s, within (\d+\.\d+)×/.exec(verdict);
	if (tieFigures) {
		const first = present.get(tieFigures[1]!);
		const second = present.get(tieFigures[2]!);
		if (first && second) {
			if (tieFigures[3] !== secondsText(first.elapsedMs) || tieFigures[4] !== secondsText(second.elapsedMs)) problems.push(`gives the tie's times as ${tieFigures[3]} s and ${tieFigures[4]} s`);
			if (tieFigures[5] !== (second.elapsedMs / first.elapsedMs).toFixed(2)) problems.push(`gives the tie's ratio as ${tieFigures[5]}×`);
		}
	}

	// "within R× of each other (A s to B s)": the fastest and slowest compared, and their ratio.
	const within = /within (\d+\.\d+)× of each other(?: \((\d+\.\d+) s to (\d+\.\d+) s\))?/.exec(verdict);
	if (within && fastest && slowest) {
		if (within[1] !== (slowest.elapsedMs / fastest.elapsedMs).toFixed(2)) problems.push(`says within ${within[1]}× of each other, the times are ${(slowest.elapsedMs / fastest.elapsedMs).toFixed(2)}× apart`);
		if (within[2] !== undefined && (within[2] !== secondsText(fastest.elapsedMs) || within[3] !== secondsText(slowest.elapsedMs))) problems.push(`gives the span as ${within[2]} s to ${within[3]} s`);
	}

	if (/^No clear winner/.test(verdict) && fastest && slowest) {
		const close = compared.every((engine) => !apart(fastest, engine));
		if (!anySkewed && !close) problems.push('says no clear winner, but the engines are apart and nothing skewed them');
	}

	// Load is named first whenever it skewed a compared engine.
	if (anySkewed && !/other programs used/i.test(verdict)) problems.push('says nothing of the other programs that skewed the run');
	for (const match of verdict.matchAll(/other programs used ([\d.]+) cores during the (\w+) run/gi)) {
		const engine = present.get(match[2]!);
		if (engine?.otherLoadCores?.toFixed(1) !== match[1]) problems.push(`says other programs used ${match[1]} cores during ${match[2]}`);
	}

	// A quota is named when it held a compared engine back: throttled in some period, for 5% of its time or more.
	const held = compared.filter((engine) => engine.throttling && engine.throttling.throttledPeriods > 0 && engine.throttling.throttledMs >= 0.05 * engine.elapsedMs);
	const quotaClause = /The CPU quota of ([\d.]+) cores? throttled (.*?) \(([^)]*) of waiting, summed over cores\)/.exec(verdict);
	if (held.length > 0 && !quotaClause) problems.push(`says nothing of the CPU quota that throttled ${held.map((engine) => engine.engine).join(' and ')}`);
	if (quotaClause) {
		const named = [...quotaClause[2]!.matchAll(/(\w+) in (\d+) of (\d+)/g)];
		if (named.map((match) => match[1]).join() !== held.map((engine) => engine.engine).join()) problems.push(`names the quota's throttling of ${named.map((match) => match[1]).join(', ')}, while it held back ${held.map((engine) => engine.engine).join(', ') || 'none'}`);
		for (const [index, match] of named.entries()) {
			const throttling = present.get(match[1]!)?.throttling;
			if (!throttling || String(throttling.throttledPeriods) !== match[2] || String(throttling.periods) !== match[3]) problems.push(`says the quota throttled ${match[1]} in ${match[2]} of ${match[3]} periods`);
			else if (throttling.quotaCores.toFixed(1) !== quotaClause[1]) problems.push(`gives the quota as ${quotaClause[1]} cores, the document ${throttling.quotaCores}`);
			const waited = quotaClause[3]!.split(/, | and /)[index];
			if (throttling && waited !== `${secondsText(throttling.throttledMs)} s`) problems.push(`says ${match[1]} waited ${waited} for the quota`);
		}
	}

	// Too short: only when every engine was under 100 ms and within the noise (10 ms, or the rounds' spread).
	if (/^Too short/.test(verdict) && fastest && slowest) {
		const noise = Math.max(10, ...compared.filter((engine) => engine.spread.rounds >= 2).map((engine) => engine.spread.maxMs - engine.spread.minMs));
		if (fastest.elapsedMs >= 100 || slowest.elapsedMs - fastest.elapsedMs > noise) problems.push(`calls the run too short, but the engines took ${Math.round(fastest.elapsedMs)} to ${Math.round(slowest.elapsedMs)} ms`);
		if (/start-ups?/.test(verdict)) problems.push('blames start-up, which is not inside elapsed');
	}

	// Speedups: who is faster than whom, by how much.
	for (const match of verdict.matchAll(/(\d+\.\d+)(?:-(\d+\.\d+))?× (faster|slower) than (\w+)/g)) {
		const base = present.get(match[4]!);
		const subject = won?.[1] ?? tied?.[1];
		const engine = subject === undefined ? undefined : present.get(subject);
		if (!base || !engine) continue;
		if ((match[3] === 'faster') !== engine.elapsedMs < base.elapsedMs) problems.push(`says ${engine.engine} was ${match[3]} than ${base.engine}`);
	}

	// Claims about the work, from its measured CPU share.
	if (/CPU-bound work|tasks were CPU-bound/.test(verdict) && (share === null || share < 0.3)) problems.push(`calls the work CPU-bound, but the measured CPU share is ${share?.toFixed(2)}`);
	if (/waiting for a core/.test(verdict)) {
		if (share === null || share < 0.3) problems.push(`says tasks waited for a core, but they measured ${share === null ? 'no' : `${Math.round(share * 100)}%`} CPU share`);
		if (!compared.some((engine) => engine.engine !== 'async' && atOnce(engine.tasks) > usable) && document.config.mode !== 'race') problems.push(`says tasks waited for a core, but no pool ran more at once than the ${usable} cores`);
	}

	for (const match of verdict.matchAll(/(\w+) ran up to (\d+) tasks at once/gi)) {
		const engine = present.get(match[1]!.toLowerCase());
		if (engine && atOnce(engine.tasks) !== Number(match[2])) problems.push(`says ${engine.engine} ran up to ${match[2]} at once, its records show ${atOnce(engine.tasks)}`);
	}

	if (/mostly wait/.test(verdict) && share !== null && share > 0.3) problems.push(`says the tasks mostly wait, but the measured CPU share is ${share.toFixed(2)}`);
	const asyncEngine = present.get('async');
	const waited = /async (?:waited on|overlapped) (\d+)/.exec(verdict);
	if (waited && asyncEngine && Number(waited[1]) !== atOnce(asyncEngine.tasks)) problems.push(`says async had ${waited[1]} at once, its records show ${atOnce(asyncEngine.tasks)}`);
	if (/helper threads/.test(verdict) && (!asyncEngine || helperCores(asyncEngine) < 0.5)) problems.push("credits async's helper threads, but they did under half a core's worth");
	// Async's own CPU off its JS thread: one thread said without its helpers is the note's third claim erased.
	if (asyncEngine && helperCores(asyncEngine) >= 0.5 && /async \d+ MB with one thread/.test(verdict) && !/helper/.test(verdict)) {
		problems.push(`says async ran with one thread, but its helper threads did ${helperCores(asyncEngine).toFixed(2)} cores' worth of CPU`);
	}

	return problems;
}

/** A row of the note's table as the JSON carries it. */
export type OracleDifference = {readonly engine: string; readonly model: string; readonly level: string; readonly needsMultipleCores: string; readonly needsMultipleThreads: string; readonly showed: string; readonly showedKind: string};

/** The note's own table (shared/seed): model, level, needs multiple cores?, needs multiple threads?. */
const noteTable: Record<string, readonly [string, string, string, string]> = {
	async: ['Async', 'programming model', 'no', 'no'],
	threads: ['Many-thread', 'execution model', 'no', 'yes'],
	processes: ['Multicore', 'hardware', 'yes', 'no'],
};

/** What is wrong with the Differences rows for `document`: the note's claims as written, and each word earned by the figures. */
export function differencesOracle(document: OracleDocument, rows: readonly OracleDifference[]): string[] {
	const problems: string[] = [];
	if (rows.length !== document.engines.length) problems.push(`has ${rows.length} rows for ${document.engines.length} engines`);
	for (const row of rows) {
		const engine = document.engines.find((each) => each.engine === row.engine);
		if (!engine) {
			problems.push(`has a row for ${row.engine}, which did not run`);
			continue;
		}

		const [model, level, cores, threads] = noteTable[row.engine]!;
		if (row.model !== model || row.level !== level || row.needsMultipleCores !== cores || row.needsMultipleThreads !== threads) problems.push(`misquotes the note for ${row.engine}`);
		const together = atOnce(engine.tasks);
		const p = engine.parallelism;
		const says = (word: RegExp) => word.test(row.showed);
		if (says(/time-slicing/) && !(together >= 2 && p <= 1.1 && engine.engine !== 'async')) problems.push(`calls ${row.engine} time-slicing with ${together} at once and ∥ ${p.toFixed(2)}`);
		// Taking turns needs tasks that wanted the CPU: 70% of their running time on it, running
		// time capped at what the cores the run could use could give in the engine's window.
		if (says(/time-slicing/)) {
			let running = 0;
			for (const task of engine.tasks) {
				const start = task.runStartMs ?? task.startMs;
				if (start !== null && task.endMs !== null) running += Math.max(0, task.endMs - start);
			}

			const usable = document.config.cpus?.length ?? document.machine.cores;
			const share = Math.min(1, engine.cpuMs / Math.min(running, engine.elapsedMs * usable));
			if (share < 0.7) problems.push(`calls ${row.engine} time-slicing, but its tasks spent ${Math.round(share * 100)}% of their running time on the CPU: they waited, not took turns`);
		}
		if (says(/^parallel/) && !(together >= 2 && p > 1.5)) problems.push(`calls ${row.engine} parallel with ${together} at once and ∥ ${p.toFixed(2)}`);
		if (says(/^concurrent/) && together < 2) problems.push(`calls ${row.engine} concurrent with one task at a time`);
		if (says(/one task at a time/) && together >= 2) problems.push(`says one task at a time of ${row.engine}, which had ${together} at once`);
		const shownAtOnce = /(\d+) (?:at once|waited at once)/.exec(row.showed)?.[1];
		if (shownAtOnce !== undefined && Number(shownAtOnce) !== together) problems.push(`says ${shownAtOnce} at once of ${row.engine}, its records show ${together}`);
		const shownParallelism = /∥ (\d+\.\d+)/.exec(row.showed)?.[1];
		if (shownParallelism !== undefined && shownParallelism !== p.toFixed(2)) problems.push(`gives ${row.engine} ∥ ${shownParallelism}, it measured ${p.toFixed(2)}`);
	}

	return problems;
}

/** The parts of a sweep document (`concur-tui sweep --json`) the oracle reads. */
export type OracleSweep = {
	readonly cores: number;
	readonly engines: ReadonlyArray<{
		readonly engine: string;
		readonly points: ReadonlyArray<{readonly n: number; readonly parallelism: number; readonly otherLoadCores?: number | null; readonly medianMs: number; readonly speedup: number}>;
		readonly recommendation: {readonly pool: number} | null;
	}>;
};

/**
 * What is wrong with a sweep's sentences: where other programs held the machine at a size (their
 * load at least a quarter of a core, and with the engine's own parallelism the cores about full),
 * that engine's load must be named before anything rests on it, with the figures of those sizes.
 */
export function sweepOracle(document: OracleSweep, sentences: readonly string[]): string[] {
	const problems: string[] = [];
	const text = sentences.join('\n');
	for (const engine of document.engines) {
		const loaded = engine.points.filter((point) => (point.otherLoadCores ?? 0) >= 0.25 && point.parallelism >= 0.25 && (point.otherLoadCores ?? 0) + point.parallelism >= document.cores - 0.25);
		const named = new RegExp(`^${engine.engine}: other programs used (.*) while the cores were full`, 'm').exec(text);
		if (loaded.length > 0 && !named) problems.push(`says nothing of the other programs that held the cores while ${engine.engine} ran at pool ${loaded.map((point) => point.n).join(', ')}`);
		if (named) {
			for (const match of named[1]!.matchAll(/(\d+\.\d)(?: cores)? at pool (\d+)/g)) {
				const point = engine.points.find((each) => each.n === Number(match[2]));
				if (!point || (point.otherLoadCores ?? 0).toFixed(1) !== match[1]) problems.push(`gives ${engine.engine}'s other load at pool ${match[2]} as ${match[1]} cores`);
			}
		}

		// A recommendation is the engine's own line, after its load is named.
		const recommended = new RegExp(`^${engine.engine}: recommended pool (\\d+)`, 'm').exec(text);
		if (recommended && Number(recommended[1]) !== engine.recommendation?.pool) problems.push(`recommends pool ${recommended[1]} for ${engine.engine}, the document says ${engine.recommendation?.pool}`);
		if (recommended && named && text.indexOf(named[0]) > text.indexOf(recommended[0])) problems.push(`names ${engine.engine}'s load after its recommendation`);
	}

	return problems;
}
