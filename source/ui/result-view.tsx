import {Table} from '@alcalzone/ink-table';
import {Box, Text} from 'ink';
import type {RunResult} from '../model/result-types.js';
import {problemsOf} from '../present/problems.js';
import {netLines} from '../present/net-lines.js';
import {differenceTables, resultRows} from './result-rows.js';
import stringWidth from 'string-width';
import {wrapWords} from '../util/wrap-words.js';

/** ink-table draws a border line above, below and between rows. */
const tableHeight = (rows: number) => 2 * rows + 3;

/** ink-table's width: each column as wide as its widest cell plus a space each side, and borders. */
function tableWidth(data: ReadonlyArray<Record<string, string>>): number {
	const columns = Object.keys(data[0] ?? {});
	return columns.reduce((sum, column) => sum + 3 + Math.max(stringWidth(column), ...data.map((row) => stringWidth(row[column] ?? ''))), 1);
}

/** The note's differences table as wide as `width` allows (result-rows.ts orders the variants), or none. */
function differencesFitting(result: RunResult, width: number): Array<Record<string, string>> | null {
	return differenceTables(result).find((table) => tableWidth(table) <= width) ?? null;
}

type ResultViewProps = {readonly result: RunResult; readonly rows: number; readonly width: number};

/** Engines that stopped early, tasks that failed, and engines whose figures other programs or a CPU quota skewed, each with its reason, worst first. */
export function problemLines(result: RunResult): string[] {
	const {stopped, failed, skewed, throttled, outliers} = problemsOf(result);
	return [
		...stopped.map(({engine, reason}) => `${engine} stopped: ${reason}`),
		...failed.map(({engine, id, reason, round}) => `${round === undefined ? '' : `round ${round}: `}${engine} #${id}: ${reason}`),
		...skewed.map(({text}) => text),
		...throttled.map(({text}) => text),
		...outliers.map(({text}) => text),
	];
}

/**
 * As many problems as `rows` allow, each wrapped between words to `width` (its next lines indented
 * 2), never cut; the last row says how many more there are.
 */
export function fitProblems(problems: readonly string[], rows: number, width = Number.POSITIVE_INFINITY): string[] {
	if (rows <= 0) return [];
	const wrapped = problems.map((problem) => {
		if (!Number.isFinite(width) || stringWidth(problem) <= width) return [problem];
		const [first = '', ...rest] = wrapWords(problem, Math.max(20, width));
		return [first, ...wrapWords(rest.join(' '), Math.max(20, width - 2)).map((line) => `  ${line}`)];
	});
	if (wrapped.reduce((sum, lines) => sum + lines.length, 0) <= rows) return wrapped.flat();
	const lines: string[] = [];
	let shown = 0;
	for (const each of wrapped) {
		if (lines.length + each.length > rows - 1) break;
		lines.push(...each);
		shown++;
	}

	return [...lines, `… and ${problems.length - shown} more (all of them in --json and the plain report)`];
}

/** The run's results table, the seed's differences beside the measurements, and the verdict. */
export function ResultView({result, rows, width}: ResultViewProps) {
	// Wrapped here, between words, never between a number and its unit, no line starting with a space.
	const verdict = wrapWords(`Verdict: ${result.verdict}`, Math.max(20, width - 1));
	const results = tableHeight(result.engines.length);
	// The threads column where the terminal has room for it.
	const wide = resultRows(result, true);
	const withThreads = tableWidth(wide) <= width - 1 ? wide : resultRows(result);
	// A table wider than the terminal would wrap and be squeezed into missing rows: it goes instead.
	const differences = differencesFitting(result, width - 1);
	const showDifferences = differences !== null && rows >= results + verdict.length + tableHeight(result.engines.length);
	const requests = netLines(result);
	const showRequests = requests.length > 0 && rows >= results + verdict.length + requests.length + (showDifferences ? tableHeight(result.engines.length) : 0);
	const used = results + verdict.length + (showDifferences ? tableHeight(result.engines.length) : 0) + (showRequests ? requests.length : 0);
	const problems = fitProblems(problemLines(result), rows - used, width - 1);
	return (
		<Box flexDirection="column" width={width}>
			<Table data={withThreads} />
			{showRequests
				? requests.map((line) => (
						<Text key={line} wrap="truncate">
							{line}
						</Text>
					))
				: null}
			{showDifferences ? <Table data={differences} /> : null}
			{verdict.map((line, index) => (
				<Text key={index}>{index === 0 ? <><Text bold>Verdict:</Text>{line.slice('Verdict:'.length)}</> : line}</Text>
			))}
			{problems.map((line, index) => (
				<Text key={index} color="red" wrap="truncate">
					{line}
				</Text>
			))}
		</Box>
	);
}
