// A run that never ran: events for one engine of `tasks` tasks on `lanes` lanes, fed to a bus, so
// the store and the dashboard can be measured at sizes this machine cannot run (256 cores).
import type {RunBus} from '../source/bus/run-bus.js';
import type {EngineName} from '../source/model/run-config.js';

export type PaperRun = {readonly tasks: number; readonly lanes: number; readonly cores: number; readonly doneShare: number};

/** Each lane runs its tasks one after another, 1 ms each; `doneShare` of them have ended, the next on each lane runs. */
export function simulateEngine(bus: RunBus, engine: EngineName, run: PaperRun): void {
	const lanes = engine === 'async' ? 1 : run.lanes;
	const pidOf = (lane: number) => (engine === 'processes' ? 1000 + lane : 1);
	bus.emit('engine:start', {engine, t: 0, startupMs: 30, hostPid: 1});
	for (let id = 0; id < lanes; id++) bus.emit('lane:open', {engine, t: 0, lane: {id, label: `unit ${id + 1}`, pid: pidOf(id), tid: 2000 + id}});
	bus.emit('task:queued', {engine, t: 0, ids: Array.from({length: run.tasks}, (_, id) => id)});
	const ended = Math.floor(run.tasks * run.doneShare);
	for (let id = 0; id < ended + lanes && id < run.tasks; id++) {
		const lane = id % lanes;
		const t = Math.floor(id / lanes);
		const started = {t, lane, pid: pidOf(lane), tid: 2000 + lane};
		if (id < ended) bus.emit('task:end', {engine, t: t + 1, id, started, ok: true, error: null, cpu: lane % run.cores, runStartT: null});
		else bus.emit('task:start', {engine, id, ...started});
	}
}
