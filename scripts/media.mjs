// Run: npm run media   (builds first) — regenerates everything in media/:
// - demo-80x24.cast: `--preset seed-cpu` recorded in a real 80x24 pseudo-terminal (asciicast v2),
//   the result held on screen 4 s before a player loops;
// - demo-80x24.svg: that recording as an animated SVG (svg-term-cli), shown at the top of the README;
// - demo-80x24-result.svg: a still of its final screen;
// - cpu-160x48.cast: `-w cpu` at 160x48 (panels side by side);
// - tour-80x24.cast: `concur-tui tour --auto` at 80x24, every chapter with its default prediction
//   (a fresh XDG state folder, so nothing of the recording machine's own tour is read);
// - *-final.txt: the last screen of each recording as plain text, for diffs and for reading.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {resolve} from 'node:path';

const run = (command, args, env = {}, cwd = undefined) => execFileSync(command, args, {stdio: 'inherit', env: {...process.env, ...env}, cwd});
const media = (name) => resolve('media', name);
// svg-term-cli renders with React 16; as a devDependency its helpers resolved this project's
// React 19 and failed ("Unknown element-like object type"). npx runs it, pinned, in a tree of its
// own (docs/decisions.md).
const svgTerm = (args) => run('npx', ['--yes', '--package', 'svg-term-cli@2.1.1', 'svg-term', ...args], {}, tmpdir());

run(process.execPath, ['scripts/record-cast.mjs', 'media/demo-80x24.cast', '--', '--preset', 'seed-cpu', '--exit'], {COLUMNS: '80', LINES: '24', HOLD_SECONDS: '4'});
svgTerm(['--in', media('demo-80x24.cast'), '--out', media('demo-80x24.svg'), '--window', '--no-cursor', '--width', '80', '--height', '24']);
// The still: the last frame that drew something (the held event is empty).
const frames = readFileSync('media/demo-80x24.cast', 'utf8').trim().split('\n').slice(1).map((line) => JSON.parse(line));
const lastDrawn = frames.filter(([, , data]) => data !== '').at(-1);
svgTerm(['--in', media('demo-80x24.cast'), '--out', media('demo-80x24-result.svg'), '--window', '--no-cursor', '--width', '80', '--height', '24', '--at', String(Math.round(lastDrawn[0] * 1000))]);
run(process.execPath, ['scripts/record-cast.mjs', 'media/cpu-160x48.cast', '--', '-w', 'cpu', '--exit'], {COLUMNS: '160', LINES: '48', HOLD_SECONDS: '4'});
run(process.execPath, ['scripts/record-cast.mjs', 'media/tour-80x24.cast', '--', 'tour', '--auto'], {COLUMNS: '80', LINES: '24', HOLD_SECONDS: '4', XDG_STATE_HOME: mkdtempSync(resolve(tmpdir(), 'concur-tour-'))});

// The final screen of a recording, replayed through a headless xterm.
const {default: xterm} = await import('@xterm/headless');
for (const name of ['demo-80x24', 'cpu-160x48', 'tour-80x24']) {
	const [header, ...events] = readFileSync(media(`${name}.cast`), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
	const terminal = new xterm.Terminal({cols: header.width, rows: header.height, allowProposedApi: true});
	// eslint-disable-next-line no-await-in-loop -- each recording is replayed in full
	await new Promise((resolveWrite) => terminal.write(events.map(([, , data]) => data).join(''), resolveWrite));
	const buffer = terminal.buffer.active;
	const lines = Array.from({length: header.height}, (_, y) => buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
	writeFileSync(media(`${name}-final.txt`), `${lines.join('\n').trimEnd()}\n`);
}

console.log('media/: demo-80x24.cast, demo-80x24.svg, demo-80x24-result.svg, cpu-160x48.cast, tour-80x24.cast, *-final.txt');
