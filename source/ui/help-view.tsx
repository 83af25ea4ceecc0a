import {Box, Text} from 'ink';
import {workloadNames} from '../model/run-config.js';

const lines: Array<[string, string]> = [
	['r', 'run again with the same settings'],
	['w', `next workload: ${workloadNames.join(' → ')}`],
	['+ / -', 'one more / one less task per pool unit'],
	['] / [', 'one more / one less unit in each pool'],
	['m', 'mode: sequential (one engine at a time) ↔ race (all at once)'],
	['t', 'write a Chrome trace of the last run (open it in Perfetto)'],
	['v', 'switch between the timeline and the result'],
	['?', 'this help'],
	['q, Ctrl+C', 'quit'],
];

export function HelpView() {
	return (
		<Box flexDirection="column">
			<Text bold>Keys</Text>
			{lines.map(([key, what]) => (
				<Text key={key}>
					<Text color="cyan">{key.padEnd(10)}</Text>
					{what}
				</Text>
			))}
			<Text dimColor>Bars sit on one time axis shared by the panels: █ running or done (colours alternate between consecutive tasks), ░ waiting for a unit, ▒ several tasks at once on one lane.</Text>
		</Box>
	);
}
