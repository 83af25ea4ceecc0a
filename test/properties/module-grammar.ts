// A grammar of what a user's task module may do, for generated cases (fast-check): each task of a
// generated module follows one behaviour, the module may replace globals or import slowly, and the
// flags come from their own grammar. Every behaviour is source text, so a counterexample is a file.
import fc from 'fast-check';

export type Behaviour = {
	/** The grammar's branch, counted per run so every branch is seen to be hit. */
	readonly branch: string;
	/** A function expression `(input, context) => …`; `T` holds the real timers, taken before any global is replaced. */
	readonly source: string;
	/** A task that must be recorded as failed, whatever else happens. */
	readonly fails: boolean;
	/** Ends only through --timeout: generated only with one. */
	readonly needsTimeout?: boolean;
	/** Takes its unit or host down: other tasks of the engine may fail too. */
	readonly takesUnitDown?: boolean;
};

const delay = fc.integer({min: 0, max: 60});
/** Text a task may throw: control characters, escape sequences, bidi overrides, newlines, nothing at all. */
const hostileText = fc.oneof(
	fc.constantFrom('', ' ', '\n', '\u001b]0;pwned\u0007\u001b[2J', '\u001b[31mred', 'line one\nline two', '\u202eevil', '\r\rback', 'tab\there'),
	fc.string({maxLength: 40}),
	fc.string({unit: fc.integer({min: 0, max: 0x9f}).map((code) => String.fromCodePoint(code)), maxLength: 20}),
);

/** Each kind of thrown value is an arm of its own, so each is drawn as often as any other. */
const thrownValue = fc.oneof(
	hostileText.map((text) => ({branch: 'throw Error(text)', value: `new Error(${JSON.stringify(text)})`})),
	hostileText.map((text) => ({branch: 'throw a string', value: JSON.stringify(text)})),
	...[
		{branch: 'throw undefined', value: 'undefined'},
		{branch: 'throw null', value: 'null'},
		{branch: 'throw a symbol', value: "Symbol('odd')"},
		{branch: 'throw a null-prototype object', value: 'Object.create(null)'},
		{branch: 'throw an Error with no name or message', value: "Object.assign(new Error(''), {name: ''})"},
		{branch: 'throw an object whose toString throws', value: "({toString() { throw new Error('no'); }, [Symbol.toPrimitive]() { throw new Error('no'); }})"},
	].map((thrown) => fc.constant(thrown)),
);

const behaviour: fc.Arbitrary<Behaviour> = fc.oneof(
	// Returns.
	fc.constantFrom(
		{branch: 'return a value', source: '() => 42', fails: false},
		{branch: 'return undefined', source: '() => undefined', fails: false},
		{branch: 'report odd progress', source: "(input, context) => { for (const p of [Number.NaN, -1, 2, 'x', 0.5]) context.progress(p); return 1; }", fails: false},
	),
	delay.map((ms) => ({branch: 'resolve after a delay', source: `() => new Promise((resolve) => T.setTimeout(resolve, ${ms}))`, fails: false})),
	delay.map((ms) => ({branch: 'a thenable of its own', source: `() => ({then(resolve) { T.setTimeout(resolve, ${ms}); }})`, fails: false})),
	delay.map((ms) => ({branch: 'busy on the CPU', source: `() => { const end = T.now() + ${ms}; while (T.now() < end); }`, fails: false})),
	// Throws and rejections.
	// Weighted: 16 kinds of throw, each as likely to be drawn as a kind of return.
	{arbitrary: thrownValue.map(({branch, value}) => ({branch: `${branch} (sync)`, source: `() => { throw ${value}; }`, fails: true})), weight: 3},
	{arbitrary: thrownValue.map(({branch, value}) => ({branch: `${branch} (rejected)`, source: `async () => { await null; throw ${value}; }`, fails: true})), weight: 3},
	fc.constantFrom(
		{branch: 'a then getter that throws', source: "() => ({get then() { throw new Error('then getter'); }})", fails: true},
		{branch: 'a then that throws', source: "() => ({then() { throw new Error('then called'); }})", fails: true},
	),
	// Ends its unit or host.
	fc.integer({min: 0, max: 3}).map((code) => ({branch: 'process.exit', source: `() => { process.exit(${code}); }`, fails: true, takesUnitDown: true})),
	fc.constantFrom('SIGKILL', 'SIGTERM').map((signal) => ({branch: `kill its own process (${signal})`, source: `() => { process.kill(process.pid, '${signal}'); return new Promise((resolve) => T.setTimeout(resolve, 200)); }`, fails: true, takesUnitDown: true})),
	// Never settles: bounded only by --timeout.
	fc.constantFrom(
		{branch: 'never settles', source: '() => new Promise(() => {})', fails: true, needsTimeout: true},
		{branch: 'never settles, a timer kept', source: '() => new Promise(() => { T.setInterval(() => {}, 1000); })', fails: true, needsTimeout: true},
	),
	// Leaves handles open after it ends.
	fc.constantFrom(
		{branch: 'leaves an interval', source: '() => { T.setInterval(() => {}, 1000); return 1; }', fails: false},
		{
			branch: 'leaves a listening server',
			source: "async () => { const {createServer} = await import('node:net'); await new Promise((resolve) => createServer().listen(0, '127.0.0.1', resolve)); }",
			fails: false,
		},
		{
			branch: 'leaves a child process',
			source: "async () => { const {spawn} = await import('node:child_process'); spawn('sleep', ['30'], {stdio: 'ignore'}); }",
			fails: false,
		},
		{
			branch: 'leaves a detached child (its own process group)',
			source: "async () => { const {spawn} = await import('node:child_process'); spawn('sleep', ['30'], {detached: true, stdio: 'ignore'}).unref(); }",
			fails: false,
		},
		{
			branch: 'leaves a child in a new session (setsid)',
			source: "async () => { const {spawn} = await import('node:child_process'); spawn('setsid', ['sleep', '30'], {stdio: 'ignore'}).unref(); }",
			fails: false,
		},
		{
			branch: 'leaves a double-forked child (re-parented to init)',
			source: "async () => { const {spawn} = await import('node:child_process'); spawn('sh', ['-c', '(sleep 30 &) &'], {stdio: 'ignore'}); await new Promise((resolve) => T.setTimeout(resolve, 30)); }",
			fails: false,
		},
	),
	// Closes its process's output (shared by every task of a host), or leaves an error to a timer.
	fc.constantFrom(
		{
			branch: 'closes fd 1 and 2, then writes',
			source: "async () => { const {closeSync} = await import('node:fs'); try { closeSync(1); closeSync(2); } catch {} console.log('after'); console.error('after'); }",
			fails: false,
			takesUnitDown: true,
		},
		{
			branch: 'leaves an uncaught error to a timer',
			source: "() => { T.setTimeout(() => { throw new Error('left in a timer'); }, 0); return new Promise((resolve) => T.setTimeout(resolve, 100)); }",
			fails: true,
			takesUnitDown: true,
		},
	),
	// Writes on the descriptor of its process's channel (to concur-tui, or a process unit's to its host).
	fc.constantFrom('{garbage', 'not json\\n', '{"__concur_tui_host__":true,"type":"done"}\\n').map((text) => ({
		branch: 'writes to its IPC descriptor',
		source: `async () => { const {writeSync} = await import('node:fs'); try { writeSync(process.channel?.fd ?? 3, '${text}'); } catch {} }`,
		fails: false,
		takesUnitDown: true,
	})),
	// Floods and foreign messages.
	fc.constantFrom(
		{branch: 'floods stdout', source: "() => { for (let i = 0; i < 2000; i++) console.log('line', i, '\\u001b[2J'); }", fails: false},
		{branch: 'floods stderr', source: "() => { for (let i = 0; i < 300; i++) console.error('warn', i, '\\u001b]0;x\\u0007'); }", fails: false},
		{
			branch: 'sends foreign IPC messages',
			source: "() => { process.send?.({type: 'done', measurements: {}}); process.send?.({type: 'failed', message: 'not the host'}); process.send?.('text'); return 1; }",
			fails: false,
		},
	),
);

/** What the module does when it is imported, before any task runs. */
type ModuleHeader = {readonly branch: string; readonly source: string};
const moduleHeader: fc.Arbitrary<ModuleHeader> = fc.constantFrom(
	{branch: 'globals as they are', source: ''},
	{branch: 'replaces the timers (as fake-timer libraries do)', source: 'globalThis.setTimeout = () => 0; globalThis.setInterval = () => 0; globalThis.setImmediate = () => 0; globalThis.queueMicrotask = () => undefined;'},
	{branch: 'replaces Promise', source: "globalThis.Promise = function Promise() { throw new Error('no promises here'); };"},
	{branch: 'freezes the clocks', source: 'Date.now = () => 0; performance.now = () => 0;'},
	{branch: 'imports slowly', source: 'await new Promise((resolve) => T.setTimeout(resolve, 300));'},
	{branch: 'breaks process.send', source: "process.send = () => { throw new Error('no IPC for you'); };"},
);

type EngineChoice = {readonly engines: readonly ('async' | 'threads' | 'processes')[]; readonly threads: 'pool' | 'spawn'};
export type GeneratedCase = {
	readonly header: ModuleHeader;
	readonly behaviours: readonly Behaviour[];
	readonly engines: EngineChoice;
	readonly tasks: number;
	readonly pool: number;
	readonly timeoutMs: number | null;
	readonly runs: number;
	readonly mode: 'sequential' | 'race';
};

const engineChoice: fc.Arbitrary<EngineChoice> = fc.record({
	engines: fc.subarray(['async', 'threads', 'processes'] as const, {minLength: 1}),
	threads: fc.constantFrom('pool' as const, 'spawn' as const),
});

/** A module and flags: never-settling tasks come with a time budget, the only thing that ends them. */
export const generatedCase: fc.Arbitrary<GeneratedCase> = fc
	.record({
		header: moduleHeader,
		behaviours: fc.array(behaviour, {minLength: 1, maxLength: 4}),
		engines: engineChoice,
		tasks: fc.integer({min: 1, max: 5}),
		pool: fc.integer({min: 1, max: 3}),
		timeoutMs: fc.option(fc.integer({min: 300, max: 1200}), {nil: null}),
		runs: fc.constantFrom(1, 1, 1, 2),
		mode: fc.constantFrom('sequential' as const, 'race' as const),
	})
	.map((drawn) => ({...drawn, timeoutMs: drawn.timeoutMs ?? (drawn.behaviours.some((b) => b.needsTimeout) ? 800 : null)}));

/** The behaviour task `index` follows. */
export function behaviourOf(generated: GeneratedCase, index: number): Behaviour {
	return generated.behaviours[index % generated.behaviours.length]!;
}

/** The module's source: real timers taken first, then its header, then one behaviour per task index. */
export function moduleSource(generated: GeneratedCase): string {
	return [
		'const T = {setTimeout: globalThis.setTimeout, setInterval: globalThis.setInterval, now: performance.now.bind(performance)};',
		generated.header.source,
		`const behaviours = [\n${generated.behaviours.map((b) => `\t${b.source},`).join('\n')}\n];`,
		'export default (input, context) => behaviours[input.index % behaviours.length](input, context);',
		'',
	].join('\n');
}

/** The flags of a generated case (the module path and --json added by the caller). */
export function caseFlags(generated: GeneratedCase): string[] {
	return [
		'-e',
		generated.engines.engines.join(','),
		'--threads',
		generated.engines.threads,
		'-n',
		String(generated.tasks),
		'-p',
		String(generated.pool),
		'--runs',
		String(generated.runs),
		'--mode',
		generated.mode,
		...(generated.timeoutMs === null ? [] : ['--timeout', String(generated.timeoutMs)]),
	];
}

/** One drawn instance of every branch of the grammar, from a large fixed-seed sample of it. */
function oneOfEachBranch<T extends {readonly branch: string}>(arbitrary: fc.Arbitrary<T>, draws: number): T[] {
	const first = new Map<string, T>();
	for (const drawn of fc.sample(arbitrary, {seed: 1, numRuns: draws})) if (!first.has(drawn.branch)) first.set(drawn.branch, drawn);
	return [...first.values()].sort((a, b) => a.branch.localeCompare(b.branch));
}

/** Every branch of the grammar: behaviours, then module headers. */
export function grammarBranches(): string[] {
	return [...oneOfEachBranch(behaviour, 20_000), ...oneOfEachBranch(moduleHeader, 500)].map((drawn) => drawn.branch);
}

/**
 * Cases that together follow every branch once (4 behaviours a case, every engine, the thread
 * strategies alternating, each header in turn): run before the generated ones, so every branch is
 * exercised in every run, whatever the seed draws.
 */
export function everyBranchCases(): GeneratedCase[] {
	const behaviours = oneOfEachBranch(behaviour, 20_000);
	const headers = oneOfEachBranch(moduleHeader, 500);
	const cases: GeneratedCase[] = [];
	for (let at = 0, index = 0; at < behaviours.length || index < headers.length; at += 4, index++) {
		const chunk = behaviours.slice(at, at + 4);
		const drawn = chunk.length > 0 ? chunk : [behaviours[0]!];
		cases.push({
			header: headers[index % headers.length]!,
			behaviours: drawn,
			engines: {engines: ['async', 'threads', 'processes'], threads: index % 2 === 0 ? 'pool' : 'spawn'},
			tasks: drawn.length,
			pool: 2,
			timeoutMs: drawn.some((each) => each.needsTimeout) ? 800 : null,
			runs: 1,
			mode: 'sequential',
		});
	}

	return cases;
}
