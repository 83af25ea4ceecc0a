import asciichart from 'asciichart';
import type {SweepEngine} from '../result/sweep-analysis.js';
import {amdahl, usl} from '../result/scaling-fit.js';
import {coresText} from '../result/format.js';

export type ChartOptions = {
	/** Columns for the whole chart, labels included. */
	readonly width: number;
	/** Rows of the plot itself (the axis and legend take 3 more). */
	readonly height: number;
	readonly cores: number;
	readonly sizes: readonly number[];
	/** The size being measured now: marked under the axis (no blinking: recordings and SSH want a steady screen). */
	readonly measuring?: number | null;
	readonly color?: boolean;
};

const seriesColors = {ideal: asciichart.darkgray, threads: asciichart.cyan, processes: asciichart.magenta, fit: asciichart.yellow};
const labelWidth = 6;

/**
 * Speedup against pool size (asciichart): the ideal line (speedup = pool), each engine's
 * measured points joined, and the fitted curve (USL where it could be fitted, else Amdahl) of
 * each engine. Linear up to 16 units; past that both axes are logarithmic (a 256-core sweep fits
 * 80 columns, and the ideal line stays a diagonal instead of flattening the measured curves).
 * Sizes past the cores (oversubscribed) are marked on the x axis.
 */
export function sweepChart(engines: readonly SweepEngine[], options: ChartOptions): string[] {
	const cells = Math.max(10, options.width - labelWidth - 2);
	const sizes = options.sizes.length > 0 ? options.sizes : [1];
	const first = sizes[0]!;
	const last = Math.max(first + 1, sizes.at(-1)!);
	const logScale = last > 16;
	const position = (n: number) => (logScale ? Math.log2(n / first) / Math.log2(last / first) : (n - first) / (last - first));
	const columnOf = (n: number) => Math.round(position(n) * (cells - 1));
	const sizeAt = (column: number) => {
		const fraction = column / (cells - 1);
		return logScale ? first * (last / first) ** fraction : first + fraction * (last - first);
	};

	// asciichart 1.5 draws every column of every series (no gaps): the ideal line runs to the last size.
	const y = (speedup: number) => (logScale ? Math.log2(Math.max(speedup, 1 / 64)) : speedup);
	const ideal = Array.from({length: cells}, (_, column) => y(sizeAt(column)));
	const series: number[][] = [ideal];
	const colors = [seriesColors.ideal];
	for (const engine of engines) {
		series.push(joined(engine, cells, columnOf).map(y));
		colors.push(engine.engine === 'threads' ? seriesColors.threads : seriesColors.processes);
		const fit = engine.usl ?? engine.amdahl;
		if (fit) {
			const model = 'alpha' in fit ? (n: number) => usl(n, fit.alpha, fit.beta) : (n: number) => amdahl(n, fit.serialFraction);
			series.push(Array.from({length: cells}, (_, column) => y(model(sizeAt(column)))));
			colors.push(seriesColors.fit);
		}
	}

	const plot = asciichart.plot(series, {
		height: options.height,
		min: logScale ? undefined : 0,
		colors: options.color === false ? undefined : colors,
		format: (value: number) => speedupLabel(logScale ? 2 ** value : value),
	});
	return [...plot.split('\n'), ...axis(sizes, options, cells, columnOf)];
}

function speedupLabel(speedup: number): string {
	return `${speedup >= 10 ? speedup.toFixed(0) : speedup.toFixed(1)}×`.padStart(labelWidth);
}

/** An engine's measured points, joined by straight lines between their columns. */
function joined(engine: SweepEngine, cells: number, columnOf: (n: number) => number): number[] {
	const row = new Array<number>(cells).fill(0);
	const points = engine.points.filter((point) => point.speedup > 0);
	for (const [index, point] of points.entries()) {
		const next = points[index + 1];
		const from = columnOf(point.n);
		row[from] = point.speedup;
		if (!next) continue;
		const to = columnOf(next.n);
		for (let column = from + 1; column < to; column++) row[column] = point.speedup + ((next.speedup - point.speedup) * (column - from)) / (to - from);
	}

	return row;
}

/** The x axis: a tick at each size swept, dashed past the cores, the size being measured marked ▲. */
function axis(sizes: readonly number[], options: ChartOptions, cells: number, columnOf: (n: number) => number): string[] {
	const coresColumn = options.cores < sizes.at(-1)! ? columnOf(options.cores) : cells;
	const line = Array.from<unknown, string>({length: cells}, (_, column) => (column > coresColumn ? '╌' : '─'));
	const labels = new Array<string>(cells + 6).fill(' ');
	for (const n of sizes) {
		line[columnOf(n)] = '┴';
		const text = String(n);
		const at = Math.min(cells - text.length, Math.max(0, columnOf(n) - Math.floor(text.length / 2)));
		if (labels.slice(at, at + text.length + 1).every((char) => char === ' ')) [...text].forEach((char, offset) => (labels[at + offset] = char));
	}

	if (options.measuring !== undefined && options.measuring !== null) line[columnOf(options.measuring)] = '▲';
	const pad = ' '.repeat(labelWidth + 1);
	const oversubscribed = sizes.some((n) => n > options.cores) ? `, ╌ past the ${coresText(options.cores)} (oversubscribed)` : '';
	return [`${pad}└${line.join('')}`, `${pad} ${labels.join('').trimEnd()}`, `${pad} pool size${oversubscribed}`];
}
