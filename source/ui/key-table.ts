import type {DashboardControls} from '../model/dashboard-controls.js';
import {workloadNames} from '../model/run-config.js';

/** What a key can do: the session's controls, and the two pages the dashboard switches itself. */
export type KeyActions = DashboardControls & {readonly toggleHelp: () => void; readonly toggleView: () => void};

type KeyEntry = {
	/** As the footer shows it. */
	readonly footer: string;
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
	{footer: 'r rerun', footerPriority: 1, helpKey: 'r', help: 'run again with the same settings', bindings: {r: (act) => act.rerun()}},
	{footer: 'w workload', footerPriority: 4, helpKey: 'w', help: `next workload: ${workloadNames.join(' → ')}`, bindings: {w: (act) => act.nextWorkload()}},
	{
		footer: '+/- tasks',
		footerPriority: 5,
		helpKey: '+ / -',
		help: 'one more / one less task per pool unit',
		bindings: {'+': (act) => act.changeTasks(1), '=': (act) => act.changeTasks(1), '-': (act) => act.changeTasks(-1)},
	},
	{footer: '[/] pool', footerPriority: 6, helpKey: '] / [', help: 'one more / one less unit in each pool', bindings: {']': (act) => act.changePool(1), '[': (act) => act.changePool(-1)}},
	{footer: 'm mode', footerPriority: 7, helpKey: 'm', help: 'mode: sequential (one engine at a time) ↔ race (all at once)', bindings: {m: (act) => act.toggleMode()}},
	{footer: 't trace', footerPriority: 3, helpKey: 't', help: 'write a Chrome trace of the last run (open it in Perfetto)', bindings: {t: (act) => act.writeTrace()}},
	{footer: 'v view', footerPriority: 2, helpKey: 'v', help: 'switch between the timeline and the result', bindings: {v: (act) => act.toggleView()}},
	{footer: '? help', alwaysInFooter: true, footerPriority: 0, helpKey: '?', help: 'this help', bindings: {'?': (act) => act.toggleHelp()}},
	{footer: 'q quit', alwaysInFooter: true, footerPriority: 0, helpKey: 'q, Ctrl+C', help: 'quit', bindings: {q: (act) => act.quit()}},
];

const byInput = new Map(keyTable.flatMap((entry) => Object.entries(entry.bindings)));

/** What typing `input` does (Ctrl+C quits as q does), or undefined for a key with no use. */
export function keyBinding(input: string, ctrl: boolean): ((actions: KeyActions) => void) | undefined {
	return ctrl && input === 'c' ? (act) => act.quit() : byInput.get(input);
}
