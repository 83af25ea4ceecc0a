import type {WireEvent} from '../model/events.js';

/** Moves an event's epoch-ms times onto the run's axis: ms since `origin`. */
export function rebaseEvent(event: WireEvent, origin: number): WireEvent {
	if (event.name === 'run:start' || event.name === 'run:end' || event.name === 'round:start') return event;
	if (event.name === 'task:end') {
		const {runStartT, started} = event.data;
		return {
			name: event.name,
			data: {
				...event.data,
				t: event.data.t - origin,
				runStartT: runStartT === null ? null : runStartT - origin,
				...(started && {started: {...started, t: started.t - origin}}),
			},
		};
	}

	return {...event, data: {...event.data, t: event.data.t - origin}} as WireEvent;
}
