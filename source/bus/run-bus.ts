import {EventEmitter} from 'node:events';
import type {BusEvents, WireEvent} from './events.js';

/** The typed event bus: engines' events arrive here and every view subscribes to it. */
export class RunBus extends EventEmitter<BusEvents> {
	/** Re-emits one event that arrived in a batch. */
	emitWire(event: WireEvent): void {
		// The union is correlated by construction (WireEvent pairs each name with its data).
		(this.emit as (name: string, data: unknown) => boolean)(event.name, event.data);
	}
}
