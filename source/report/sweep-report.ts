import type {EngineName} from '../model/run-config.js';
import type {SweepDocument} from '../result/sweep-analysis.js';
import {sweepChart} from '../present/sweep-chart.js';
import {sweepHeader, sweepMarks, sweepSummary, sweepTable} from '../present/sweep-text.js';

/** The plain-text sweep report: header, table, chart, fits and recommendations. */
export function sweepReport(document: SweepDocument, width = 100): string {
	const engines: EngineName[] = document.engines.map((engine) => engine.engine);
	return [
		sweepHeader(document),
		'',
		...sweepTable(document.engines, document.sizes, document.cores, true),
		...[sweepMarks(document.engines, document.sizes, document.cores)].filter(Boolean),
		'',
		`Speedup over ${engines.length > 1 ? 'each engine\u2019s' : 'its'} smallest pool (${engines.join(', ')}; ideal: speedup = pool; fitted curve):`,
		...sweepChart(document.engines, {width: Math.min(width, 100), height: 12, cores: document.cores, sizes: document.sizes, color: false}),
		'',
		...sweepSummary(document),
		...(document.complete ? [] : ['(interrupted: the sizes not measured are left out)']),
		'',
	].join('\n');
}
