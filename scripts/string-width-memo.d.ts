/** string-width's answer, by counting for text of one-column characters, else memoised. */
export default function fastStringWidth(text: string, options?: {ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean}): number;
