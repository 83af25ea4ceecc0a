// The engine catalog: every engine has a whole entry, and each one runs end to end. Loops over
// the catalog, so an engine added tomorrow is tested by this file the day it is added.
import {describe, expect, it} from 'vitest';
import {engineKinds} from '../source/config/engine-kinds.js';
import {engineNames} from '../source/model/run-config.js';
import {runCli, runJson} from './helpers/run-cli.js';

describe('the engine catalog', () => {
	it('has one entry per engine name, with its own title and lane names', () => {
		expect(Object.keys(engineKinds).sort()).toEqual([...engineNames].sort());
		const titles = engineNames.map((engine) => engineKinds[engine].title);
		expect(new Set(titles).size).toBe(engineNames.length);
		const lane = {id: 0, label: 'x', pid: 10, tid: 11};
		const shortNames = engineNames.map((engine) => engineKinds[engine].laneShortName(lane));
		expect(new Set(shortNames).size).toBe(engineNames.length);
		expect(engineNames.filter((engine) => engineKinds[engine].isBaseline)).toHaveLength(1);
	});

	it.each(engineNames)('%s runs a sleep workload end to end, named by its catalog entry', async (engine) => {
		const {run, result} = await runJson(['-w', 'sleep', '-n', '3', '--task-ms', '50', '-p', '2', '-e', engine]);
		expect(run.code).toBe(0);
		expect(result.engines.map((measured) => [measured.engine, measured.complete, measured.tasks.length])).toEqual([[engine, true, 3]]);
		const report = await runCli(['-w', 'sleep', '-n', '3', '--task-ms', '50', '-p', '2', '-e', engine]);
		expect(report.stdout).toContain(engineKinds[engine].title);
	});
});
