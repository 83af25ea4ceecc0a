import {Box, Text} from 'ink';
import {wrapWords} from '../util/wrap-words.js';
import {keyTable} from './key-table.js';

const keys = keyTable.map((entry) => `${entry.helpKey} ${entry.help}`);

/** Every glyph and abbreviation the screen uses, in a few words each. */
export const glossary: ReadonlyArray<readonly [string, string]> = [
	['█ ▓', 'a task running or done; consecutive tasks on a lane alternate'],
	['░', 'a task waiting for a unit (a thread or process) to take it'],
	['▒', 'several tasks at once on one lane (async overlaps its tasks)'],
	['▏', 'a task shorter than one cell; a blank cell: the lane was idle'],
	['·· ×3', 'a task not started yet · three running on this lane now'],
	['loop T1 P1 S1', 'lanes: the event loop, thread 1, process 1, a thread slot'],
	['∥', 'parallelism: CPU time ÷ wall time, cores\u2019 worth of work at once'],
	['lag', 'how late async\u2019s event loop is (blocked by CPU work)'],
	['cores', 'the most cores the engine\u2019s own processes used at once (1 s)'],
	['other programs', 'CPU the rest of the machine used meanwhile; ! = skewed'],
	['* ±2%', 'engine did not complete · spread over --runs rounds'],
	['cores? threads?', 'the seed\u2019s claim: does the model need them?'],
	['the seed', 'async: programming model · threads: execution · cores: hardware'],
];

export function HelpView({width}: {readonly width: number}) {
	return (
		<Box flexDirection="column">
			<Text bold>Keys</Text>
			{wrapWords(keys.join(' · '), Math.max(20, width - 1)).map((line) => (
				<Text key={line}>{line}</Text>
			))}
			<Text bold>On screen</Text>
			{glossary.map(([term, meaning]) => (
				<Text key={term} wrap="truncate-end">
					<Text color="cyan">{term.padEnd(16)}</Text>
					{meaning}
				</Text>
			))}
		</Box>
	);
}
