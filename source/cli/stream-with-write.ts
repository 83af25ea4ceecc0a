/**
 * `stream` with its `write` replaced by `write`: everything else (columns, rows, resize events,
 * isTTY, its other methods, called on the stream itself) is the stream's own.
 */
export function streamWithWrite<T extends NodeJS.WriteStream>(stream: T, write: (chunk: unknown, ...rest: unknown[]) => boolean): T {
	return new Proxy(stream, {
		get(target, property) {
			if (property === 'write') return write;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
