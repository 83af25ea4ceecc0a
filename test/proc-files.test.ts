import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {CoreSampler} from '../source/measure/core-sampler.js';
import {ProcFiles, procFiles} from '../source/measure/proc-files.js';

const linux = process.platform === 'linux';
const openDescriptors = () => readdirSync('/proc/self/fd').length;
const utimeOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[11]);

describe.runIf(linux)('/proc files read through kept descriptors', () => {
	it('reads what readFileSync reads, and a later reading sees the file as it is then', async () => {
		const files = new ProcFiles();
		const spinner = spawn(process.execPath, ['-e', 'for (;;) {}']);
		try {
			const path = `/proc/${spinner.pid}/stat`;
			const first = files.read(path);
			expect(first.split(' ').slice(0, 2)).toEqual(readFileSync(path, 'latin1').split(' ').slice(0, 2));
			expect(files.size).toBe(1);
			await new Promise((resolve) => setTimeout(resolve, 300));
			// The spinner's CPU time grew: the kept descriptor is read afresh, not a copy of the first reading.
			expect(utimeOf(files.read(path))).toBeGreaterThan(utimeOf(first));
			expect(files.size).toBe(1);
		} finally {
			spinner.kill('SIGKILL');
		}
	});

	it('does not answer for a process that is gone: the reading throws as readFileSync would, and its descriptor is closed', async () => {
		const files = new ProcFiles();
		const sleeper = spawn('sleep', ['30']);
		const path = `/proc/${sleeper.pid}/stat`;
		files.read(path);
		expect(files.size).toBe(1);
		sleeper.kill('SIGKILL');
		await once(sleeper, 'exit');
		expect(() => files.read(path)).toThrow(/ENOENT/);
		expect(files.size).toBe(0);
	});

	it('does not keep a dead process\'s children file, which reads as empty rather than failing', async () => {
		const files = new ProcFiles();
		const parent = spawn('sh', ['-c', 'sleep 30 & wait'], {detached: true});
		const path = `/proc/${parent.pid}/task/${parent.pid}/children`;
		try {
			// The shell has started its sleep once its children file names it.
			await new Promise((resolve) => setTimeout(resolve, 300));
			const children = files.read(path);
			expect(children.trim()).toMatch(/^\d+$/);
			expect(files.size).toBe(1);
		} finally {
			process.kill(-parent.pid!, 'SIGKILL');
		}

		await once(parent, 'exit');
		// Its kept descriptor now reads '' (the process is gone, its pid free for another): it is opened afresh instead.
		expect(() => files.read(path)).toThrow(/ENOENT/);
		expect(files.size).toBe(0);
	});

	it('keeps at most its capacity of descriptors, and none after closeAll', () => {
		const before = openDescriptors();
		const files = new ProcFiles(4);
		const paths = ['stat', 'meminfo', 'uptime', 'loadavg', 'version', 'self/stat', 'self/statm', 'self/status', 'self/io', 'self/cmdline'];
		for (const path of paths) expect(files.read(`/proc/${path}`).length).toBeGreaterThan(0);
		expect(files.read('/proc/version')).toBe(readFileSync('/proc/version', 'latin1'));
		expect(files.size).toBeLessThanOrEqual(4);
		expect(openDescriptors() - before).toBeLessThanOrEqual(4);
		files.closeAll();
		expect(files.size).toBe(0);
		expect(openDescriptors()).toBe(before);
	});

	it('reads a file larger than it keeps whole, each time, without keeping it', () => {
		const files = new ProcFiles();
		const path = join(mkdtempSync(join(tmpdir(), 'concur-proc-')), 'large');
		const text = 'x'.repeat(100 * 1024);
		writeFileSync(path, text);
		expect(files.read(path)).toBe(text);
		expect(files.read(path)).toBe(text);
		expect(files.size).toBe(0);
	});
});

describe.runIf(linux)('the core sampler and its descriptors', () => {
	it('keeps a descriptor per file while it samples a tree, and none once it stops (a long session must not collect them)', async () => {
		const sleeper = spawn('sleep', ['30']);
		const before = openDescriptors();
		const samples: number[] = [];
		const sampler = new CoreSampler(() => samples.push(procFiles.size), 20);
		try {
			sampler.start();
			sampler.watch('sleeper', sleeper.pid!);
			await new Promise((resolve) => setTimeout(resolve, 120));
			expect(samples.length).toBeGreaterThan(0);
			expect(procFiles.size).toBeGreaterThan(0);
		} finally {
			sampler.stop();
			sleeper.kill('SIGKILL');
		}

		expect(procFiles.size).toBe(0);
		expect(openDescriptors()).toBeLessThanOrEqual(before);
	});
});
