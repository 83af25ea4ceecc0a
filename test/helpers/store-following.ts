import type {RunBus} from '../../source/bus/run-bus.js';
import {RunModel} from '../../source/run-model/run-model.js';
import {RunStore} from '../../source/store/run-store.js';

/** A store showing the run a new model folds from `bus`, as a dashboard session sets one up. */
export function storeFollowing(bus: RunBus, ...args: ConstructorParameters<typeof RunStore>): RunStore {
	const store = new RunStore(...args);
	store.follow(new RunModel(bus, {laneActivity: true}));
	return store;
}
