import chalk from 'chalk';
import {milliseconds} from '../result/format.js';
import type {DashboardSnapshot} from '../store/views.js';
import {fitSegments} from './panel/panel-lines.js';

const phaseText: Record<DashboardSnapshot['phase'], string> = {
	idle: 'idle',
	calibrating: 'calibrating…',
	running: 'running',
	done: 'done',
};

export function headerLine(snapshot: DashboardSnapshot, width: number): string {
	const {config, machine} = snapshot;
	const work = config.workload === 'module' ? 'task module' : config.workload;
	const spawn = config.threads === 'spawn' ? ' (thread per task)' : '';
	const limits = [
		config.timeoutMs === null ? '' : ` · timeout ${milliseconds(config.timeoutMs)}`,
		config.heapLimitMb === null ? '' : ` · heap ${config.heapLimitMb} MB`,
	].join('');
	const facts = `${work} · ${config.tasks} tasks × ${milliseconds(config.taskMs)} · pool ${config.pool}${spawn} · ${config.mode}${limits} · ${machine.cores} cores`;
	const phaseColour = snapshot.phase === 'done' ? chalk.green : chalk.yellow;
	return fitSegments([['concur-tui', chalk.bold.cyan], [`  ${facts}  `], [phaseText[snapshot.phase], phaseColour]], width);
}
