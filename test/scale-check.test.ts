// Runs too big for the machine are named before they start, by cores and memory.
import {describe, expect, it} from 'vitest';
import {defaultRunConfig} from '../source/config/defaults.js';
import {scaleConcern} from '../source/config/scale-check.js';

const gib = 2 ** 30;
const twoCores = {cores: 2, availableMemoryBytes: 20 * gib};

describe('scaleConcern', () => {
	it('lets the defaults and 4 units a core run', () => {
		expect(scaleConcern(defaultRunConfig(2), twoCores)).toBeNull();
		expect(scaleConcern({...defaultRunConfig(2), pool: 8}, twoCores)).toBeNull();
	});

	it('names a pool beyond 4 × the cores, threads and processes apart', () => {
		expect(scaleConcern({...defaultRunConfig(2), pool: 9}, twoCores)).toBe('this run starts 9 threads, then 9 processes: more than 4 × the 2 cores');
		expect(scaleConcern({...defaultRunConfig(2), pool: 9, engines: ['processes']}, twoCores)).toBe('this run starts 9 processes: more than 4 × the 2 cores');
	});

	it('follows the machine: 512 processes are fine on 256 cores with memory to spare', () => {
		expect(scaleConcern({...defaultRunConfig(256), pool: 512}, {cores: 256, availableMemoryBytes: 512 * gib})).toBeNull();
	});

	it('adds the engines up in a race, not one after another', () => {
		const config = {...defaultRunConfig(2), pool: 5};
		expect(scaleConcern(config, twoCores)).toBeNull();
		expect(scaleConcern({...config, mode: 'race'}, twoCores)).toMatch(/^this run starts 5 threads and 5 processes at once: more than 4 × the 2 cores$/);
	});

	it('names the memory a run would need past 80% of what is available', () => {
		const concern = scaleConcern({...defaultRunConfig(256), pool: 300, engines: ['processes']}, {cores: 256, availableMemoryBytes: 10 * gib});
		expect(concern).toBe('this run starts 300 processes: about 12.0 GB of memory, over 80% of the 10.0 GB available');
	});

	it('counts the threads a spawn run holds at once, at most one per task', () => {
		expect(scaleConcern({...defaultRunConfig(2), pool: 64, tasks: 3, threads: 'spawn', engines: ['threads']}, twoCores)).toBeNull();
	});
});
