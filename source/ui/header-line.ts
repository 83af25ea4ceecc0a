import chalk from 'chalk';
import {runFacts} from '../present/run-description.js';
import type {DashboardSnapshot} from '../store/views.js';
import {fitSegments} from './panel/panel-lines.js';

const phaseText: Record<DashboardSnapshot['phase'], string> = {
	idle: 'idle',
	calibrating: 'calibrating…',
	running: 'running',
	done: 'done',
};

export function headerLine(snapshot: DashboardSnapshot, width: number): string {
	const facts = runFacts(snapshot.config, snapshot.machine.cores).join(' · ');
	const phaseColour = snapshot.phase === 'done' ? chalk.green : chalk.yellow;
	const {round, rounds} = snapshot.round;
	const roundText = rounds > 1 && snapshot.phase === 'running' ? ` · round ${round + 1}/${rounds}` : '';
	const status = phaseText[snapshot.phase] + roundText;
	// The status word is never cut: the run's facts give way first.
	const title = 'concur-tui';
	const factsRoom = Math.max(0, width - title.length - status.length);
	return chalk.bold.cyan(title) + fitSegments([[`  ${facts}  `]], factsRoom) + phaseColour(status);
}
