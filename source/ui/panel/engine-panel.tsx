import {Box, Text} from 'ink';
import {memo} from 'react';
import type {EngineView} from '../../store/views.js';
import type {RunConfig} from '../../model/run-config.js';
import {axisLine, cellsFor, panelLines} from './panel-lines.js';

type EnginePanelProps = {
	readonly view: EngineView;
	readonly axisMs: number;
	readonly width: number;
	readonly rows: number;
	/** --timeout, which the panel explains: it means something different on each engine. */
	readonly timeoutMs?: number | null;
	/** --threads: the thread engine's title says when it spawns a thread per task. */
	readonly threads?: RunConfig['threads'];
};

/**
 * One engine's panel as a single Text of pre-built lines (its axis under its last lane), padded to exactly `rows` so the frame
 * never changes height. Memoised: it re-renders only when its engine's view or the axis changed.
 */
export const EnginePanel = memo(function EnginePanel({view, axisMs, width, rows, timeoutMs = null, threads = 'pool'}: EnginePanelProps) {
	// Its own axis right under its last lane: a bar's position reads against the scale next to it.
	const lines = [...panelLines(view, axisMs, {width, rows: rows - 1}, timeoutMs, threads), axisLine({axisMs, cells: cellsFor(width)})];
	while (lines.length < rows) lines.push(' '.repeat(width));
	return (
		<Box width={width} height={rows}>
			<Text wrap="truncate">{lines.join('\n')}</Text>
		</Box>
	);
});
