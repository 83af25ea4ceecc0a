/**
 * The text of JSON.stringify(value, null, space), in pieces: arrays and objects are opened one
 * member at a time, so a document of 100,000 tasks is never one string in memory. Each member
 * of an array (a task, a lane, a trace event) is one piece, unless it holds a long list itself
 * (an engine and its tasks), which is opened in turn.
 */
export function* jsonChunks(value: unknown, space = 0, indent = ''): Generator<string> {
	const inner = indent + ' '.repeat(space);
	const newline = space > 0 ? '\n' : '';
	const colon = space > 0 ? ': ' : ':';
	if (Array.isArray(value) && value.length > 0) {
		yield `[${newline}`;
		for (let index = 0; index < value.length; index++) {
			yield inner;
			// A member that holds a long list (an engine and its 100,000 tasks) is opened in turn.
			if (holdsLongList(value[index])) yield* jsonChunks(value[index], space, inner);
			else yield reindent(JSON.stringify(value[index], null, space) ?? 'null', inner);
			if (index < value.length - 1) yield ',';
			yield newline;
		}

		yield `${indent}]`;
		return;
	}

	if (isPlainObject(value)) {
		const entries = Object.entries(value).filter(([, member]) => member !== undefined && typeof member !== 'function');
		if (entries.length > 0) {
			yield `{${newline}`;
			for (const [index, [key, member]] of entries.entries()) {
				yield `${inner}${JSON.stringify(key)}${colon}`;
				yield* jsonChunks(member, space, inner);
				if (index < entries.length - 1) yield ',';
				yield newline;
			}

			yield `${indent}}`;
			return;
		}
	}

	yield reindent(JSON.stringify(value, null, space) ?? 'null', indent);
}

/** Lists longer than this are written a member at a time. */
const longList = 64;

function holdsLongList(value: unknown): boolean {
	if (Array.isArray(value)) return value.length > longList;
	return isPlainObject(value) && Object.values(value).some((member) => Array.isArray(member) && member.length > longList);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as {toJSON?: unknown}).toJSON !== 'function';
}

function reindent(text: string, indent: string): string {
	return indent && text.includes('\n') ? text.replaceAll('\n', `\n${indent}`) : text;
}
