import {Box, Text} from 'ink';
import {wrapWords} from '../util/wrap-words.js';
import {keyTable} from './key-table.js';

// Ctrl+Z is a control key (read in keyBinding), listed here after the table's keys.
/** A key stays on the line of the first word of what it does (never "?" at a line's end, "this help" on the next). */
const keyed = (key: string, does: string) => `${key.replaceAll(' ', '\u00A0')}\u00A0${does}`;
const keys = [...keyTable.map((entry) => keyed(entry.helpKey, entry.help)), keyed('Ctrl+Z', 'suspend (the run goes on; fg redraws)')];
/** The keys as the footer names them (the layout key with no setting), where the full list does not fit. */
const shortKeys = keyTable.map((entry) => (typeof entry.footer === 'string' ? entry.footer : 'l layout'));

/** Every glyph and abbreviation the screen uses, in a few words each. */
const glossary: ReadonlyArray<readonly [string, string]> = [
	['█ ▓', 'a task running or done; consecutive tasks on a lane alternate'],
	['░', 'a task waiting to start: for a free unit (pools), for the blocked loop (async)'],
	['▒', 'several tasks at once on one lane (async overlaps its tasks)'],
	['▏', 'a task shorter than one cell; a blank cell: the lane was idle'],
	['42% ✓ ✗', 'a running task’s progress · done · failed (why: in the result)'],
	['·· ×3', 'a task not started yet · three running on this lane now'],
	['loop/L T1 P1 S1', 'lanes: the event loop, thread 1, process 1, a thread slot'],
	['pid tid c0', 'process and thread ids; the core a lane last ran on'],
	['∥', 'parallelism: CPU time ÷ wall time, cores’ worth of work at once'],
	['lag', 'how late async’s event loop is (blocked by CPU work)'],
	['cores', 'the most cores the engine’s own processes used at once (1 s)'],
	['other programs', 'CPU the rest of the machine used meanwhile; ! = skewed'],
	['timeout', 'async: a signal only (cooperative); pools: late units stopped'],
	['* ±2%', 'engine did not complete · spread over --runs rounds'],
	['needs multiple', 'the note’s claims: multiple cores, multiple threads; beside them what ran'],
	['parallel', 'tasks at once on several cores: ∥ above 1.5'],
	['time-slicing', 'units taking turns on one core: concurrent, not parallel (∥ ≤ 1.1)'],
	['concurrent', 'several tasks under way at once, by waiting or taking turns'],
	['the note', 'async: programming model · threads: execution · cores: hardware'],
	['Async', 'ordering food, chatting until the waiter brings it: no wait'],
	['Many-thread', 'kitchen staff in one restaurant, sharing its tools (memory)'],
	['Multicore', 'chefs cooking in parallel, each in a kitchen of its own'],
];

/** The glossary's entries about the screen itself, before the note's words and analogies. */
const glossaryBeforeTheNote = glossary.findIndex(([term]) => term === 'parallel');

/**
 * The keys and the glossary, in `rows` at most: where they do not all fit, the keys shrink to
 * the footer's words first, then the glossary's last entries give way to a line saying so.
 */
export function HelpView({width, rows}: {readonly width: number; readonly rows: number}) {
	const wrap = (text: string) => wrapWords(text, Math.max(20, width - 1));
	const fullKeys = wrap(keys.join(' · '));
	// The note's words and analogies, last in the glossary, give way before the keys shorten.
	const keyLines = 2 + fullKeys.length + Math.min(glossary.length, glossaryBeforeTheNote) <= rows ? fullKeys : wrap(shortKeys.join(' · '));
	const room = Math.max(0, rows - 2 - keyLines.length);
	const shown = glossary.length <= room ? glossary : glossary.slice(0, Math.max(0, room - 1));
	return (
		<Box flexDirection="column">
			<Text bold>Keys</Text>
			{keyLines.map((line) => (
				<Text key={line}>{line}</Text>
			))}
			<Text bold>On screen</Text>
			{shown.map(([term, meaning]) => (
				<Text key={term} wrap="truncate-end">
					<Text color="cyan">{term.padEnd(16)}</Text>
					{meaning}
				</Text>
			))}
			{shown.length < glossary.length ? <Text dimColor>… {glossary.length - shown.length} more in a taller terminal, and in the README</Text> : null}
		</Box>
	);
}
