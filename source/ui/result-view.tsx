import {Table} from '@alcalzone/ink-table';
import {Box, Text} from 'ink';
import type {RunResult} from '../result/result-types.js';
import {differenceRows, resultRows} from './result-rows.js';

/** ink-table draws a border line above, below and between rows. */
export const tableHeight = (rows: number) => 2 * rows + 3;

type ResultViewProps = {readonly result: RunResult; readonly rows: number; readonly width: number};

/** The run's results table, the seed's differences beside the measurements, and the verdict. */
export function ResultView({result, rows, width}: ResultViewProps) {
	const verdictRows = Math.ceil(`Verdict: ${result.verdict}`.length / Math.max(20, width - 2)) + 1;
	const results = tableHeight(result.engines.length);
	const showDifferences = rows >= results + verdictRows + tableHeight(result.engines.length);
	const failed = result.engines.flatMap((engine) =>
		engine.tasks.filter((task) => task.endMs !== null && !task.ok).map((task) => `${engine.engine} #${task.id}: ${task.error ?? 'failed'}`),
	);
	return (
		<Box flexDirection="column" width={width}>
			<Table data={resultRows(result)} />
			{showDifferences ? <Table data={differenceRows(result)} /> : null}
			<Text wrap="wrap">
				<Text bold>Verdict:</Text> {result.verdict}
			</Text>
			{failed.length > 0 && rows > results + verdictRows ? (
				<Text color="red" wrap="truncate">
					{failed.length} failed: {failed.slice(0, 3).join(' · ')}
				</Text>
			) : null}
		</Box>
	);
}
