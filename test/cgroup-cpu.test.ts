import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cpuBudget, cpuGroups, throttleCounters} from '../source/measure/cgroup-cpu.js';

// A cgroup mount built from files, as the kernel lays them out: v2's cpu.max and cpu.stat
// (throttled_usec), v1's cfs files and cpu.stat (throttled_time in ns).
let root = '';
const files = (dir: string, entries: Record<string, string>) => {
	mkdirSync(dir, {recursive: true});
	for (const [name, text] of Object.entries(entries)) writeFileSync(join(dir, name), text);
};

afterEach(() => {
	if (root) rmSync(root, {recursive: true, force: true});
});

describe('the CPU budget read from cgroups', () => {
	it('v2: the quota of cpu.max at the process\'s group or an ancestor, the smallest binding, and its throttling from cpu.stat', () => {
		root = mkdtempSync(join(tmpdir(), 'cgroup-v2-'));
		files(root, {'cgroup.controllers': 'cpu memory'});
		files(join(root, 'kubepods'), {'cpu.max': '150000 100000\n'});
		files(join(root, 'kubepods', 'pod1'), {'cpu.max': 'max 100000\n', 'cpu.stat': 'usage_usec 9\nnr_periods 40\nnr_throttled 12\nthrottled_usec 345678\n'});
		const groups = cpuGroups('0::/kubepods/pod1\n', root);
		expect(groups.map((group) => group.dir)).toEqual([join(root, 'kubepods', 'pod1'), join(root, 'kubepods'), root]);
		const budget = cpuBudget(groups);
		expect(budget.readable).toBe(true);
		expect(budget.quota?.cores).toBe(1.5);
		expect(budget.quota?.group.dir).toBe(join(root, 'kubepods'));
		expect(throttleCounters(groups[0]!)).toEqual({periods: 40, throttledPeriods: 12, throttledUs: 345_678});
	});

	it('v2 beside v1 controllers lives at unified/; "max" everywhere is no quota, yet readable', () => {
		root = mkdtempSync(join(tmpdir(), 'cgroup-hybrid-'));
		files(join(root, 'unified'), {'cgroup.controllers': '', 'cpu.max': 'max 100000\n'});
		const budget = cpuBudget(cpuGroups('0::/\n', root));
		expect(budget).toEqual({quota: null, readable: true});
	});

	it('v1: cpu.cfs_quota_us ÷ cpu.cfs_period_us, -1 is none, and throttled_time is read in ns', () => {
		root = mkdtempSync(join(tmpdir(), 'cgroup-v1-'));
		files(join(root, 'cpu,cpuacct'), {'cpu.cfs_period_us': '100000\n', 'cpu.cfs_quota_us': '-1\n'});
		files(join(root, 'cpu,cpuacct', 'job'), {'cpu.cfs_period_us': '100000\n', 'cpu.cfs_quota_us': '50000\n', 'cpu.stat': 'nr_periods 21\nnr_throttled 20\nthrottled_time 1985175707\n'});
		const groups = cpuGroups('4:memory:/x\n3:cpu,cpuacct:/job\n0::/\n', root);
		const budget = cpuBudget(groups);
		expect(budget.quota?.cores).toBe(0.5);
		expect(throttleCounters(budget.quota!.group)).toEqual({periods: 21, throttledPeriods: 20, throttledUs: 1_985_175.707});
	});

	it('nothing readable (another OS, no cgroup mounted): no quota, and it says so', () => {
		root = mkdtempSync(join(tmpdir(), 'cgroup-none-'));
		expect(cpuBudget(cpuGroups('', root))).toEqual({quota: null, readable: false});
		expect(cpuBudget(cpuGroups('0::/gone\n', root))).toEqual({quota: null, readable: false});
	});
});

describe('throttling over a window', () => {
	it('is what cpu.stat counted between the window\'s start and end, with the quota that binds', async () => {
		const {throttlingWindow} = await import('../source/measure/cgroup-cpu.js');
		root = mkdtempSync(join(tmpdir(), 'cgroup-window-'));
		files(root, {'cgroup.controllers': 'cpu'});
		files(join(root, 'job'), {'cpu.max': '100000 100000\n', 'cpu.stat': 'nr_periods 10\nnr_throttled 2\nthrottled_usec 50000\n'});
		const quota = cpuBudget(cpuGroups('0::/job\n', root)).quota;
		const end = throttlingWindow(quota);
		writeFileSync(join(root, 'job', 'cpu.stat'), 'nr_periods 33\nnr_throttled 20\nthrottled_usec 1950000\n');
		expect(end()).toEqual({quotaCores: 1, periods: 23, throttledPeriods: 18, throttledMs: 1900});
		expect(throttlingWindow(null)()).toBeNull();
	});
});
