import {Box, Text} from 'ink';
import {keyTable} from './key-table.js';

const lines = keyTable.map((entry) => [entry.helpKey, entry.help] as const);

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
