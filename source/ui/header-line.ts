import chalk from 'chalk';
import stringWidth from 'string-width';
import {runFacts} from '../present/run-description.js';
import type {DashboardSnapshot} from '../store/views.js';
import {fitSegments} from './panel/panel-lines.js';

const phaseText: Record<DashboardSnapshot['phase'], string> = {
	idle: 'idle',
	calibrating: 'calibrating…',
	running: 'running',
	done: 'done',
};

/** What the header shows: the run's settings, the machine, the phase and the round (not the panels). */
export type HeaderFacts = Pick<DashboardSnapshot, 'phase' | 'round' | 'config' | 'machine'>;

export function headerLine(snapshot: HeaderFacts, width: number, frozen = false): string {
	// Frozen (f): the status says so, in reverse video, in place of the phase it no longer follows.
	const phaseColour = frozen ? chalk.inverse.yellow : snapshot.phase === 'done' ? chalk.green : chalk.yellow;
	const {round, rounds} = snapshot.round;
	const roundText = rounds > 1 && snapshot.phase === 'running' ? ` · round ${round + 1}/${rounds}` : '';
	const status = frozen ? ' FROZEN ' : phaseText[snapshot.phase] + roundText;
	// The status word is never cut: the run's facts give way first, those before the last (the
	// cores it runs on, pinned or not) one by one, then the rest is cut.
	const title = 'concur-tui';
	const factsRoom = Math.max(0, width - title.length - status.length);
	const facts = runFacts(snapshot.config, snapshot.machine);
	const tooWide = () => stringWidth(`  ${facts.join(' · ')}  `) > factsRoom;
	while (facts.length > 3 && tooWide()) facts.splice(-2, 1);
	// "pinned to 1 of 2 cores (CPU 0)": which CPUs is the first thing the cores fact gives up.
	if (tooWide()) facts.push(facts.pop()!.replace(/ \(CPU [^)]*\)$/, ''));
	return chalk.bold.cyan(title) + fitSegments([[`  ${facts.join(' · ')}  `]], factsRoom) + phaseColour(status);
}
