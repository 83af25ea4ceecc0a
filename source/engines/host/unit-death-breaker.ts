/**
 * Watches a pool for units that die one after another with no task finished in between (a
 * module that exits at import in every unit, or in every task): each death costs a new unit's
 * start-up, so 100,000 tasks would take that many starts to fail. Past `limit` deaths in a row
 * the pool can no longer make progress: the rest of its tasks fail at once with the reason.
 */
export class UnitDeathBreaker {
	private inARow = 0;
	private reason: string | null = null;

	constructor(private readonly limit: number) {}

	/** Why the pool gave up, once it has. */
	get givenUp(): string | null {
		return this.reason;
	}

	/** A unit finished a task (well or not): it works. */
	taskFinished(): void {
		this.inARow = 0;
	}

	/** The pool cannot go on for a reason of the machine's (a process limit): it gives up now. */
	giveUp(reason: string): void {
		this.reason ??= reason;
	}

	/** A unit died under a task; true the moment the pool should give up. */
	unitDied(how: string): boolean {
		this.inARow++;
		if (this.reason !== null || this.inARow < this.limit) return false;
		this.reason = `${this.inARow} units in a row died before finishing a task (the last: ${how}), so the engine stopped`;
		return true;
	}
}

/** Deaths in a row that stop a pool of `pool` units: at least 8, two for each unit beyond. */
export function deathsInARowLimit(pool: number): number {
	return Math.max(8, 2 * pool);
}
