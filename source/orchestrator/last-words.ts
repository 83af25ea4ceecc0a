/** Lines Node.js prints after a fatal error that say nothing about it. */
const noise = [/^Node\.js v\d/, /^\(Use `node --trace-/, /^\s+at /, /^\s*\^+\s*$/, /^\s*$/, /^-{5} .* -{5}$/, /^\s*\d+: /];
const errorLine = /^(?:Uncaught )?[A-Z][A-Za-z]*(?:Error|Exception)\b|^\[[A-Za-z]*Rejection/;

/**
 * What a dead process's stderr says of its death, in one line: the error line of Node's report
 * of an uncaught throw or rejection ("Error: boom"), else the last line that is not Node's
 * version banner, a hint or a stack frame (a JS one, or a native one of process.abort()). Empty
 * when nothing useful was printed.
 */
export function lastWords(stderrTail: string): string {
	const lines = stderrTail.split('\n').map((line) => line.trimEnd());
	const error = lines.findLast((line) => errorLine.test(line));
	if (error !== undefined) return error.trim();
	return lines.findLast((line) => !noise.some((pattern) => pattern.test(line)))?.trim() ?? '';
}
