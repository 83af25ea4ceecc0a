// Run: node scripts/record-cast.mjs media/demo-80x24.cast -- --preset seed-cpu --exit
// Records concur-tui in a real pseudo-terminal as an asciicast v2 file (play it with
// `asciinema play FILE`), at a fixed 80x24 unless COLUMNS/LINES say otherwise.
import {writeFileSync} from 'node:fs';
import pty from 'node-pty';

const [output, separator, ...args] = process.argv.slice(2);
if (!output || separator !== '--') {
	console.error('usage: node scripts/record-cast.mjs OUTPUT.cast -- [concur-tui flags]');
	process.exit(2);
}

const cols = Number(process.env.COLUMNS) || 80;
const rows = Number(process.env.LINES) || 24;
const env = {...process.env, TERM: 'xterm-256color'};
delete env.CI;
const start = performance.now();
const events = [];
const child = pty.spawn(process.execPath, ['dist/cli.js', ...args], {cols, rows, env});
child.onData((data) => events.push([(performance.now() - start) / 1000, 'o', data]));
child.onExit(({exitCode}) => {
	const header = {version: 2, width: cols, height: rows, timestamp: Math.round(Date.now() / 1000), env: {TERM: 'xterm-256color'}};
	// HOLD_SECONDS: keep the last screen (the result) on show this long before a player loops.
	const hold = Number(process.env.HOLD_SECONDS) || 0;
	if (hold > 0 && events.length > 0) events.push([events.at(-1)[0] + hold, 'o', '']);
	writeFileSync(output, [JSON.stringify(header), ...events.map((event) => JSON.stringify(event))].join('\n') + '\n');
	console.log(`${output}: ${events.length} frames, ${((performance.now() - start) / 1000).toFixed(1)} s, exit ${exitCode}`);
});
