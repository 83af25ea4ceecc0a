/**
 * Scaling laws fitted to a sweep's measured points: relative capacity C(n) (speedup of n units
 * over one) against the pool size n.
 * - Amdahl: C(n) = n / (1 + σ(n − 1)), σ the serial fraction.
 * - Gunther's Universal Scalability Law: C(n) = n / (1 + α(n − 1) + βn(n − 1)), α contention,
 *   β coherency (crosstalk); with β > 0 capacity peaks at n* = sqrt((1 − α) / β).
 * Both by least squares on the points: USL as Gunther fits it, linear in (α, β) once rewritten as
 * n/C − 1 = α(n − 1) + βn(n − 1); Amdahl by a bounded one-dimensional search.
 */
export type ScalingPoint = {readonly n: number; readonly capacity: number};

export type AmdahlFit = {readonly serialFraction: number; readonly rmsResidual: number};
export type UslFit = {readonly alpha: number; readonly beta: number; readonly rmsResidual: number; readonly peakN: number | null};

/** Points a fit needs: Amdahl has one parameter, USL two, and n = 1 fixes C(1) = 1 for both. */
export const fewestPoints = {amdahl: 2, usl: 3} as const;

export const amdahl = (n: number, serialFraction: number) => n / (1 + serialFraction * (n - 1));
export const usl = (n: number, alpha: number, beta: number) => n / (1 + alpha * (n - 1) + beta * n * (n - 1));

function rms(points: readonly ScalingPoint[], model: (n: number) => number): number {
	return Math.sqrt(points.reduce((sum, point) => sum + (point.capacity - model(point.n)) ** 2, 0) / points.length);
}

/** σ in [0, 1] minimising the squared residuals (golden-section search: the error is unimodal in σ). */
export function fitAmdahl(points: readonly ScalingPoint[]): AmdahlFit | null {
	if (distinctSizes(points) < fewestPoints.amdahl) return null;
	const error = (sigma: number) => points.reduce((sum, point) => sum + (point.capacity - amdahl(point.n, sigma)) ** 2, 0);
	const ratio = (Math.sqrt(5) - 1) / 2;
	let low = 0;
	let high = 1;
	for (let step = 0; step < 100; step++) {
		const left = high - ratio * (high - low);
		const right = low + ratio * (high - low);
		if (error(left) <= error(right)) high = right;
		else low = left;
	}

	const serialFraction = (low + high) / 2;
	return {serialFraction, rmsResidual: rms(points, (n) => amdahl(n, serialFraction))};
}

/** α, β ≥ 0 by least squares on n/C − 1 = α(n − 1) + βn(n − 1); a negative one is pinned at 0 and the other refitted. */
export function fitUsl(points: readonly ScalingPoint[]): UslFit | null {
	if (distinctSizes(points) < fewestPoints.usl) return null;
	const rows = points.filter((point) => point.capacity > 0).map((point) => ({x1: point.n - 1, x2: point.n * (point.n - 1), y: point.n / point.capacity - 1}));
	const sum = (f: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + f(row), 0);
	const s11 = sum((r) => r.x1 * r.x1);
	const s12 = sum((r) => r.x1 * r.x2);
	const s22 = sum((r) => r.x2 * r.x2);
	const s1y = sum((r) => r.x1 * r.y);
	const s2y = sum((r) => r.x2 * r.y);
	const det = s11 * s22 - s12 * s12;
	let alpha = det === 0 ? 0 : (s1y * s22 - s2y * s12) / det;
	let beta = det === 0 ? 0 : (s2y * s11 - s1y * s12) / det;
	if (alpha < 0) {
		alpha = 0;
		beta = s22 === 0 ? 0 : Math.max(0, s2y / s22);
	}

	if (beta < 0) {
		beta = 0;
		alpha = s11 === 0 ? 0 : Math.min(1, Math.max(0, s1y / s11));
	}

	const peakN = beta > 0 && alpha < 1 ? Math.sqrt((1 - alpha) / beta) : null;
	return {alpha, beta, rmsResidual: rms(points, (n) => usl(n, alpha, beta)), peakN};
}

function distinctSizes(points: readonly ScalingPoint[]): number {
	return new Set(points.map((point) => point.n)).size;
}
