import type {DashboardControls} from '../model/dashboard-controls.js';
import {workloadNames} from '../model/run-config.js';

/** What a key can do: the session's controls, and what the dashboard switches itself (its pages, its layout, a frozen view). */
export type KeyActions = DashboardControls & {readonly toggleHelp: () => void; readonly toggleView: () => void; readonly toggleLayout: () => void; readonly toggleFreeze: () => void};

/** What the footer says a key's setting is now (the panels' arrangement). */
export type FooterState = {readonly arrangement: 'side by side' | 'stacked'; readonly canSwitch: boolean};

type KeyEntry = {
	/** As the footer shows it (with the setting it switches, where it has one; empty: not shown now). */
	readonly footer: string | ((state: FooterState) => string);
	/** Shown at the end of the footer at every width ("? help", "q quit"). */
	readonly alwaysInFooter?: boolean;
	/** Which keys a narrow footer keeps first (lower first). */
	readonly footerPriority: number;
	/** As the help page shows it, with what it does. */
	readonly helpKey: string;
	readonly help: string;
	/** Each key typed, and what it does. */
	readonly bindings: Readonly<Record<string, (actions: KeyActions) => void>>;
};

/** Every key of the dashboard, once: the footer, the help page and the input handler read it. */
export const keyTable: readonly KeyEntry[] = [
	{footer: 'r rerun', footerPriority: 1, helpKey: 'r', help: 'run again', bindings: {r: (act) => act.rerun()}},
	{footer: 'w workload', footerPriority: 5, helpKey: 'w', help: `next workload (${workloadNames.join(' → ')})`, bindings: {w: (act) => act.nextWorkload()}},
	{
		footer: '+/- tasks',
		footerPriority: 6,
		helpKey: '+ / -',
		help: 'a task more / less per unit',
		bindings: {'+': (act) => act.changeTasks(1), '=': (act) => act.changeTasks(1), '-': (act) => act.changeTasks(-1)},
	},
	{footer: '[/] pool', footerPriority: 7, helpKey: '] / [', help: 'a unit more / less per pool', bindings: {']': (act) => act.changePool(1), '[': (act) => act.changePool(-1)}},
	{footer: 'm mode', footerPriority: 8, helpKey: 'm', help: 'one engine at a time ↔ all at once', bindings: {m: (act) => act.toggleMode()}},
	{footer: 't trace', footerPriority: 4, helpKey: 't', help: 'write a trace of the last run (Perfetto)', bindings: {t: (act) => act.writeTrace()}},
	{
		footer: (state) => (state.canSwitch ? `l layout: ${state.arrangement === 'side by side' ? 'side' : 'stacked'}` : ''),
		footerPriority: 3,
		helpKey: 'l',
		help: 'side by side ↔ stacked (from 80 columns)',
		bindings: {l: (act) => act.toggleLayout()},
	},
	{footer: 'v view', footerPriority: 2, helpKey: 'v', help: 'timeline ↔ result', bindings: {v: (act) => act.toggleView()}},
	{footer: 'f freeze', footerPriority: 3, helpKey: 'f', help: 'freeze the view to read it (the run goes on) ↔ catch up', bindings: {f: (act) => act.toggleFreeze()}},
	{footer: '? help', alwaysInFooter: true, footerPriority: 0, helpKey: '?', help: 'this help', bindings: {'?': (act) => act.toggleHelp()}},
	{footer: 'q quit', alwaysInFooter: true, footerPriority: 0, helpKey: 'q, Ctrl+C', help: 'quit', bindings: {q: (act) => act.quit()}},
];

const byInput = new Map(keyTable.flatMap((entry) => Object.entries(entry.bindings)));

/** What typing `input` does (Ctrl+C quits as q does, Ctrl+Z suspends), or undefined for a key with no use. */
export function keyBinding(input: string, ctrl: boolean): ((actions: KeyActions) => void) | undefined {
	if (ctrl && input === 'c') return (act) => act.quit();
	if (ctrl && input === 'z') return (act) => act.suspend();
	return ctrl ? undefined : byInput.get(input);
}
