import {Table} from '@alcalzone/ink-table';
import {Box, Text} from 'ink';
import type {RunResult} from '../model/result-types.js';
import {problemsOf} from '../present/problems.js';
import {differenceRows, resultRows} from './result-rows.js';

/** ink-table draws a border line above, below and between rows. */
export const tableHeight = (rows: number) => 2 * rows + 3;

type ResultViewProps = {readonly result: RunResult; readonly rows: number; readonly width: number};

/** Engines that stopped early, tasks that failed, and engines whose figures other programs skewed, each with its reason, worst first. */
export function problemLines(result: RunResult): string[] {
	const {stopped, failed, skewed, outliers} = problemsOf(result);
	return [
		...stopped.map(({engine, reason}) => `${engine} stopped: ${reason}`),
		...failed.map(({engine, id, reason}) => `${engine} #${id}: ${reason}`),
		...skewed.map(({text}) => text),
		...outliers.map(({text}) => text),
	];
}

/** As many problem lines as `rows` allow, the last one saying how many more there are. */
export function fitProblems(problems: readonly string[], rows: number): string[] {
	if (problems.length <= rows) return [...problems];
	if (rows <= 0) return [];
	return [...problems.slice(0, rows - 1), `… and ${problems.length - rows + 1} more (all of them in --json and the plain report)`];
}

/** The run's results table, the seed's differences beside the measurements, and the verdict. */
export function ResultView({result, rows, width}: ResultViewProps) {
	const verdictRows = Math.ceil(`Verdict: ${result.verdict}`.length / Math.max(20, width - 2)) + 1;
	const results = tableHeight(result.engines.length);
	const showDifferences = rows >= results + verdictRows + tableHeight(result.engines.length);
	const used = results + verdictRows + (showDifferences ? tableHeight(result.engines.length) : 0);
	const problems = fitProblems(problemLines(result), rows - used);
	return (
		<Box flexDirection="column" width={width}>
			<Table data={resultRows(result)} />
			{showDifferences ? <Table data={differenceRows(result)} /> : null}
			<Text wrap="wrap">
				<Text bold>Verdict:</Text> {result.verdict}
			</Text>
			{problems.map((line) => (
				<Text key={line} color="red" wrap="truncate">
					{line}
				</Text>
			))}
		</Box>
	);
}
