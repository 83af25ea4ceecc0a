// The promises concur-tui makes about a user's task module, stated once as properties and checked
// on generated cases (test/properties/check-promises.ts): a case for every branch of the grammar,
// then the fixed seed's cases. A fresh seed runs beside it (test/promises-fresh.property.test.ts).
import {afterAll, describe, expect, it} from 'vitest';
import {casesPerSeed, checkSeed, fixedSeed, hangMs, hits, tally, tallyText} from './properties/check-promises.js';
import {everyBranchCases, grammarBranches} from './properties/module-grammar.js';

describe.runIf(process.platform === 'linux')('promises on generated task modules and flags', () => {
	afterAll(() => {
		console.log(tallyText(fixedSeed));
	});

	it(`hold on a case for every branch, then ${casesPerSeed} cases of the fixed seed ${fixedSeed}`, async () => {
		await checkSeed(fixedSeed, everyBranchCases());
	}, (casesPerSeed + everyBranchCases().length) * hangMs);

	// The cases for every branch run first, whatever the seed draws; a branch that no task ended up
	// following (a grammar or runner change) fails here, not silently.
	it('reached every branch of the grammar', () => {
		const missed = grammarBranches().filter((branch) => !hits.has(branch));
		expect(missed, `branches never hit in ${tally.casesRun} cases`).toEqual([]);
	});
});
