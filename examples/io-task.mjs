// Run: concur-tui --task example:io      (I/O-bound: async waits on every task at once on one thread)
// A task that waits, as a request to a database or a web service would: it writes a small file,
// waits 500 ms for a "reply" (a timer standing in for the network), and reads the file back.
// Almost none of its time is on the CPU, so threads and processes add cost, not speed.
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as wait} from 'node:timers/promises';

export default async function ioTask(input, {progress, signal}) {
	const folder = await mkdtemp(join(tmpdir(), 'concur-io-'));
	try {
		const file = join(folder, `request-${input.index}.json`);
		await writeFile(file, JSON.stringify({task: input.index, at: Date.now()}));
		for (let step = 1; step <= 10; step++) {
			// One wait after another, reporting progress between them.
			// eslint-disable-next-line no-await-in-loop
			await wait(50, undefined, {signal});
			progress(step / 10);
		}

		return JSON.parse(await readFile(file, 'utf8')).task;
	} finally {
		await rm(folder, {recursive: true, force: true});
	}
}
