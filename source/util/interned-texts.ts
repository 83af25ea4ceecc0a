/**
 * One copy of each distinct text: 100,000 tasks that fail with "exited with code 1" arrive as
 * 100,000 strings (each parsed from its own message) and are kept as one.
 */
export class InternedTexts {
	private readonly texts = new Map<string, string>();

	of(text: string): string;
	of(text: string | null): string | null;
	of(text: string | null): string | null {
		if (text === null) return null;
		const known = this.texts.get(text);
		if (known !== undefined) return known;
		this.texts.set(text, text);
		return text;
	}
}
