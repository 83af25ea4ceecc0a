// The promises of test/promises.property.test.ts on a fresh seed, printed so a failure can be replayed:
//   CONCUR_PROPERTY_SEED=<seed> npx vitest run test/promises-fresh.property.test.ts
// (its own file, so that it runs beside the fixed seed's cases).
import {afterAll, describe, it} from 'vitest';
import {casesPerSeed, checkSeed, freshSeed, hangMs, tallyText} from './properties/check-promises.js';

describe.runIf(process.platform === 'linux')('promises on generated task modules and flags, a fresh seed', () => {
	afterAll(() => {
		console.log(tallyText(freshSeed));
	});

	it(`hold on ${casesPerSeed} cases of a fresh seed (${freshSeed})`, async () => {
		await checkSeed(freshSeed);
	}, casesPerSeed * hangMs);
});
