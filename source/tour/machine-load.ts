import {CoreSampler} from '../measure/core-sampler.js';
import {otherProgramsCores} from '../run-model/run-model.js';

/** Other programs' load over the next `ms`, in cores' worth (the machine's busy cores minus concur-tui's tree); null where unknown. */
export async function otherLoadOver(ms: number): Promise<number | null> {
	return new Promise((resolve) => {
		// The sampler's timer keeps nothing alive (unref): this one keeps the process up until the sample.
		const alive = setTimeout(() => undefined, 2 * ms);
		const sampler = new CoreSampler((sample) => {
			sampler.stop();
			clearTimeout(alive);
			resolve(otherProgramsCores(sample));
		}, ms);
		sampler.start();
	});
}
