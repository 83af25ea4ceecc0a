import {EventEmitter} from 'node:events';
import type {BusEventName, BusEvents, WireEvent} from '../model/events.js';

type Handler<K extends BusEventName> = (...args: BusEvents[K]) => void;

/** The typed event bus: engines' events arrive here and every view subscribes to it. */
export class RunBus extends EventEmitter<BusEvents> {
	/**
	 * Subscribes `handler` to `name` and returns what ends it: a subscriber that lives shorter
	 * than the bus (one run's collector, a store) must end each of its subscriptions.
	 */
	subscribe<K extends BusEventName>(name: K, handler: Handler<K>): () => void {
		(this.on as (name: K, handler: Handler<K>) => this)(name, handler);
		return () => {
			(this.off as (name: K, handler: Handler<K>) => this)(name, handler);
		};
	}

	/** Re-emits one event that arrived in a batch. */
	emitWire(event: WireEvent): void {
		// The union is correlated by construction (WireEvent pairs each name with its data).
		(this.emit as (name: string, data: unknown) => boolean)(event.name, event.data);
	}
}
