/** An error as one line: "Name: message", or the thrown value as text. */
export function describeError(error: unknown): string {
	if (error instanceof Error) {
		const text = error.message ? `${error.name}: ${error.message}` : error.name;
		return text.split('\n')[0] ?? text;
	}

	return String(error);
}
