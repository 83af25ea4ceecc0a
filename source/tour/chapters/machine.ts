import {coresText} from '../../result/format.js';
import type {Chapter} from '../chapter.js';
import {figure} from './figures.js';

/** Other programs' load at or above this (cores' worth) skews what the chapters measure. */
export const busyFloorCores = 0.25;

/** Chapter 0: what this machine lets the run use, and how busy it is now. */
export const machineChapter: Chapter = {
	number: 0,
	title: 'Your machine',
	note: [{section: 'Multicore', words: 'A hardware property.'}, {section: 'Multicore', words: 'A CPU can have multiple cores, each capable of executing instructions independently.'}],
	claim: 'the cores this run may use, its CPU quota, and whether other programs are using the cores now',
	runs: () => [],
	prediction: null,
	seconds: () => 2,
	judge: (_results, {machine, otherLoadNow}) => {
		const online = machine.onlineCores ?? machine.cores;
		const quota = machine.cpuQuotaCores ?? null;
		const figures = [
			figure.count('cores allowed', machine.cores),
			figure.count('cores online', online),
			// No quota is a finding too (no limit: the value is infinite, null in JSON); an unreadable one is said in the takeaway.
			...(quota !== null ? [figure.cores('CPU quota (cores)', quota)] : machine.cpuQuotaReadable === false ? [] : [{name: 'CPU quota', value: Number.POSITIVE_INFINITY, text: 'none'}]),
			...(otherLoadNow === null ? [] : [figure.cores('other programs now (cores)', otherLoadNow)]),
		];
		const allowed = machine.cores < online ? `${machine.cores} of its ${coresText(online)}` : coresText(machine.cores);
		const quotaText = quota === null ? (machine.cpuQuotaReadable === false ? '; its CPU quota could not be read' : ', with no CPU quota') : `, under a CPU quota of ${quota.toFixed(1)} cores' worth`;
		const busy = otherLoadNow !== null && otherLoadNow >= busyFloorCores;
		const load = otherLoadNow === null ? 'Other programs\' load cannot be read here.' : busy ? `Other programs are using ${otherLoadNow.toFixed(1)} cores now: the figures of the chapters may be skewed, and each says so where they were.` : `Other programs are using ${otherLoadNow.toFixed(1)} cores now: the machine is quiet.`;
		const parallel = machine.cores >= 2 ? 'so parallelism can be shown' : 'so the chapters about parallelism will say they cannot show it here';
		return {figures, graded: null, shown: true, why: null, takeaway: `This run may use ${allowed}${quotaText}, ${parallel}. ${load}`};
	},
};
