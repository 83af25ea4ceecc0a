/** Columns padded to their widest cell; the first column left-aligned, the rest right-aligned. */
export function plainTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
	const all = [header, ...rows];
	const widths = header.map((_, column) => Math.max(...all.map((row) => [...(row[column] ?? '')].length)));
	return all.map((row) =>
		row
			.map((cell, column) => {
				const width = widths[column] ?? 0;
				return column === 0 ? cell.padEnd(width) : cell.padStart(width);
			})
			.join('  ')
			.trimEnd(),
	);
}
