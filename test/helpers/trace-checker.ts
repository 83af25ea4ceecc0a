// The Trace Event Format's rules that Perfetto's JSON importer relies on, checked on a trace.
// (https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU, Perfetto's
// FAQ on overlapping JSON events.)

type Event = {
	readonly name?: unknown;
	readonly ph?: unknown;
	readonly pid?: unknown;
	readonly tid?: unknown;
	readonly ts?: unknown;
	readonly dur?: unknown;
	readonly cat?: unknown;
	readonly id?: unknown;
	readonly args?: Record<string, unknown>;
};

const slicePhases = new Set(['X', 'B', 'E', 'b', 'e']);
const knownPhases = new Set(['M', 'X', 'B', 'E', 'b', 'e', 'n', 'C', 'i', 'I']);

/**
 * Everything in `trace` that breaks the rules, one line each (empty: a sound trace):
 * - every event has a name, a known phase and integer pid and tid; timestamps are finite numbers
 *   of microseconds, not negative, and no later than `maxMicros` when given (a trace in ms or ns
 *   would be off by 1000);
 * - X and B/E events on one (pid, tid) nest: none starts inside another and ends after it;
 *   every E closes a B on its thread;
 * - every async begin (b) has its end (e) with the same cat, id and name, not before it, and no
 *   e comes without its b;
 * - every pid used is named (process_name) and every (pid, tid) with slices too (thread_name);
 * - counters (C) carry numbers.
 */
export function traceProblems(trace: unknown, maxMicros = Number.POSITIVE_INFINITY): string[] {
	const problems: string[] = [];
	const events = (trace as {traceEvents?: unknown}).traceEvents;
	if (!Array.isArray(events)) return ['no traceEvents array'];
	// Names may come anywhere in the trace.
	const named = (events as Event[]).filter((event) => event.ph === 'M');
	const processNames = new Set(named.filter((event) => event.name === 'process_name').map((event) => event.pid as number));
	const threadNames = new Set(named.filter((event) => event.name === 'thread_name').map((event) => `${String(event.pid)}:${String(event.tid)}`));
	const intervals = new Map<string, Array<{start: number; end: number; name: string}>>();
	const openB = new Map<string, Array<{ts: number; name: string}>>();
	const openAsync = new Map<string, {ts: number; count: number}>();
	for (const [index, event] of (events as Event[]).entries()) {
		const at = `event ${index} (${String(event.name)})`;
		if (typeof event.name !== 'string') problems.push(`${at}: no name`);
		if (typeof event.ph !== 'string' || !knownPhases.has(event.ph)) problems.push(`${at}: unknown phase ${String(event.ph)}`);
		if (!Number.isInteger(event.pid)) problems.push(`${at}: pid is not an integer`);
		if (!Number.isInteger(event.tid)) problems.push(`${at}: tid is not an integer`);
		if (event.ph === 'M') continue;

		const ts = event.ts;
		if (typeof ts !== 'number' || !Number.isFinite(ts) || ts < 0) {
			problems.push(`${at}: ts ${String(ts)} is not a time in microseconds`);
			continue;
		}

		if (ts > maxMicros) problems.push(`${at}: ts ${ts} is past the run (${maxMicros} µs): not microseconds?`);
		const thread = `${String(event.pid)}:${String(event.tid)}`;
		if (slicePhases.has(event.ph as string) && !threadNames.has(thread)) problems.push(`${at}: thread ${thread} is not named`);
		if (!processNames.has(event.pid as number)) problems.push(`${at}: process ${String(event.pid)} is not named`);
		switch (event.ph) {
			case 'X': {
				if (typeof event.dur !== 'number' || event.dur < 0) problems.push(`${at}: X without a duration`);
				push(intervals, thread, {start: ts, end: ts + Number(event.dur ?? 0), name: String(event.name)});
				break;
			}

			case 'B': {
				push(openB, thread, {ts, name: String(event.name)});
				break;
			}

			case 'E': {
				const begin = openB.get(thread)?.pop();
				if (begin) push(intervals, thread, {start: begin.ts, end: ts, name: begin.name});
				else problems.push(`${at}: E with no B open on ${thread}`);
				break;
			}

			case 'b':
			case 'e': {
				const key = `${String(event.cat)}|${String(event.id)}|${String(event.name)}`;
				if (event.id === undefined) problems.push(`${at}: async event without an id`);
				const open = openAsync.get(key);
				if (event.ph === 'b') {
					openAsync.set(key, {ts: open?.ts ?? ts, count: (open?.count ?? 0) + 1});
				} else if (!open) {
					problems.push(`${at}: e with no b of the same cat, id and name`);
				} else {
					if (ts < open.ts) problems.push(`${at}: e before its b`);
					if (open.count === 1) openAsync.delete(key);
					else openAsync.set(key, {...open, count: open.count - 1});
				}

				break;
			}

			case 'C': {
				for (const [name, value] of Object.entries(event.args ?? {})) {
					if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${at}: counter ${name} is not a number`);
				}

				break;
			}

			default:
		}
	}

	for (const [key] of openAsync) problems.push(`b without its e: ${key}`);
	for (const [thread, list] of openB) if (list.length > 0) problems.push(`B without its E on ${thread}`);
	for (const [thread, list] of intervals) problems.push(...nestingProblems(thread, list));
	return problems;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

function nestingProblems(thread: string, list: ReadonlyArray<{start: number; end: number; name: string}>): string[] {
	const problems: string[] = [];
	const open: Array<{end: number; name: string}> = [];
	for (const slice of [...list].sort((a, b) => a.start - b.start || b.end - a.end)) {
		while (open.length > 0 && open.at(-1)!.end <= slice.start) open.pop();
		const parent = open.at(-1);
		if (parent && slice.end > parent.end) problems.push(`on ${thread}: "${slice.name}" starts inside "${parent.name}" and ends after it`);
		else open.push(slice);
	}

	return problems;
}
