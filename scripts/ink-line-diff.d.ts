/** What to write to turn line `previous` into line `next`, the cursor at the line's start. */
export function changedTail(previous: string, next: string): string;
