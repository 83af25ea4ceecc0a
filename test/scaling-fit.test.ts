// The scaling laws a sweep fits: they recover known parameters, and decline with too few points.
import {describe, expect, it} from 'vitest';
import {amdahl, fitAmdahl, fitUsl, usl} from '../source/result/scaling-fit.js';

const sizes = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256];

describe('the scaling fits', () => {
	it('recover a USL curve\'s contention and coherency within 5%, and its peak', () => {
		const [alpha, beta] = [0.05, 0.0004];
		const fit = fitUsl(sizes.map((n) => ({n, capacity: usl(n, alpha, beta)})))!;
		expect(Math.abs(fit.alpha - alpha) / alpha).toBeLessThan(0.05);
		expect(Math.abs(fit.beta - beta) / beta).toBeLessThan(0.05);
		expect(fit.peakN).toBeCloseTo(Math.sqrt((1 - alpha) / beta), 0);
		expect(fit.rmsResidual).toBeLessThan(0.01);
	});

	it('recover the same from points measured with 3% noise, within 5% on the peak', () => {
		const [alpha, beta] = [0.03, 0.0002];
		// A fixed pattern of ±3% errors: the same every run.
		const noisy = sizes.map((n, index) => ({n, capacity: usl(n, alpha, beta) * (1 + 0.03 * Math.sin(index * 2.3))}));
		const fit = fitUsl(noisy)!;
		expect(Math.abs(fit.peakN! - Math.sqrt((1 - alpha) / beta)) / Math.sqrt((1 - alpha) / beta)).toBeLessThan(0.05);
	});

	it('recover Amdahl\'s serial fraction', () => {
		const fit = fitAmdahl([1, 2, 4, 8, 16].map((n) => ({n, capacity: amdahl(n, 0.1)})))!;
		expect(fit.serialFraction).toBeCloseTo(0.1, 3);
	});

	it('give no curve with too few points: USL needs 3 sizes, Amdahl 2', () => {
		const twoCores = [1, 2].map((n) => ({n, capacity: n * 0.97}));
		expect(fitUsl(twoCores)).toBeNull();
		expect(fitAmdahl(twoCores)).not.toBeNull();
		expect(fitAmdahl([{n: 1, capacity: 1}])).toBeNull();
	});

	it('a perfectly linear sweep: no contention, no coherency, no peak', () => {
		const fit = fitUsl([1, 2, 3, 4].map((n) => ({n, capacity: n})))!;
		expect(fit.alpha).toBeCloseTo(0, 6);
		expect(fit.beta).toBeCloseTo(0, 6);
		expect(fit.peakN).toBeNull();
	});
});
