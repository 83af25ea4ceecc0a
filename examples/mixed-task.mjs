// Run: concur-tui --task example:mixed      (half computing, half waiting: the closest call)
// A task that parses and summarises a document (about 0.12-0.19 s of CPU here) and waits 150 ms for
// a reply in between, as a service that fetches, then computes, would.
import {setTimeout as wait} from 'node:timers/promises';

function summarise(rows) {
	const document = JSON.stringify(Array.from({length: rows}, (_, i) => ({id: i, name: `row ${i}`, values: [i, i * 2, i * 3]})));
	let total = 0;
	for (const row of JSON.parse(document)) total += row.values.reduce((sum, value) => sum + value, 0);
	return total;
}

export default async function mixedTask(input, {progress, signal}) {
	let total = summarise(80_000);
	progress(0.33);
	await wait(150, undefined, {signal});
	progress(0.66);
	total += summarise(80_000);
	progress(1);
	return total;
}
