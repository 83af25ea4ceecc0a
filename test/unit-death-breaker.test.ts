// A pool whose units keep dying before finishing anything stops instead of restarting for ever.
import {describe, expect, it} from 'vitest';
import {deathsInARowLimit, UnitDeathBreaker} from '../source/engines/host/unit-death-breaker.js';

describe('UnitDeathBreaker', () => {
	it('gives up at the limit of deaths in a row, once, with the last reason', () => {
		const breaker = new UnitDeathBreaker(3);
		expect(breaker.unitDied('exited with code 1')).toBe(false);
		expect(breaker.unitDied('exited with code 1')).toBe(false);
		expect(breaker.givenUp).toBeNull();
		expect(breaker.unitDied('killed by SIGKILL')).toBe(true);
		expect(breaker.unitDied('killed by SIGKILL')).toBe(false);
		expect(breaker.givenUp).toBe('3 units in a row died before finishing a task (the last: killed by SIGKILL), so the engine stopped');
	});

	it('starts counting again when a unit finishes a task', () => {
		const breaker = new UnitDeathBreaker(2);
		breaker.unitDied('exited with code 1');
		breaker.taskFinished();
		expect(breaker.unitDied('exited with code 1')).toBe(false);
		expect(breaker.givenUp).toBeNull();
	});

	it('allows at least 8 deaths in a row, and two per unit in larger pools', () => {
		expect(deathsInARowLimit(1)).toBe(8);
		expect(deathsInARowLimit(4)).toBe(8);
		expect(deathsInARowLimit(64)).toBe(128);
	});
});
