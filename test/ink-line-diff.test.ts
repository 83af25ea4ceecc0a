// The tail-only line rewrite injected into Ink's incremental renderer (scripts/ink-line-diff.js).
import xtermHeadless from '@xterm/headless';
import {Chalk} from 'chalk';
import {describe, expect, it} from 'vitest';
import {changedTail} from '../scripts/ink-line-diff.js';

const {Terminal} = xtermHeadless;
const colours = new Chalk({level: 1});

/** Draws `previous`, then applies the rewrite, and returns what a terminal shows (text and colour). */
async function screenAfter(previous: string, next: string): Promise<{text: string; colours: number[]}> {
	const terminal = new Terminal({cols: 40, rows: 2, allowProposedApi: true});
	const write = async (data: string) => new Promise<void>((resolve) => terminal.write(data, resolve));
	await write(`${previous}\r`);
	await write(changedTail(previous, next));
	const line = terminal.buffer.active.getLine(0)!;
	const cells = Array.from({length: 40}, (_, x) => line.getCell(x)!);
	return {text: line.translateToString(true), colours: cells.map((cell) => cell.getFgColor())};
}

async function screenOf(line: string): Promise<{text: string; colours: number[]}> {
	return screenAfter('', line);
}

describe('rewriting only the changed tail of a line', () => {
	it('writes far less when a bar grew at its end', () => {
		const previous = `${colours.dim('T1     ')} ${colours.green('█'.repeat(30))}${colours.yellow('▌')}`;
		const next = `${colours.dim('T1     ')} ${colours.green('█'.repeat(30))}${colours.yellow('▊')}`;
		expect(Buffer.byteLength(changedTail(previous, next))).toBeLessThan(Buffer.byteLength(next) / 4);
	});

	it.each([
		['a bar that grew', `${colours.dim('T1 ')}${colours.green('███')}${colours.yellow('▌')}  42%`, `${colours.dim('T1 ')}${colours.green('███')}${colours.yellow('█▎')} 57%`],
		['a colour change mid-line', `ab ${colours.red('cd')} ef`, `ab ${colours.green('cd')} ef`],
		['a shorter line', `elapsed 12.34 s ${colours.cyan('done')}`, 'elapsed 9.1 s'],
		['a longer line', 'loop', `loop ${colours.magenta('▒▒▒')} ×8`],
		['no common prefix', colours.red('abc'), colours.green('abc')],
		['a change inside one coloured run', colours.yellow('█'.repeat(10)), colours.yellow(`${'█'.repeat(12)}▍`)],
		['a change inside nested styles', colours.bold.red('total 12'), colours.bold.red('total 13')],
		['wide characters', 'ab 漢字 c', 'ab 漢字 d'],
	])('leaves the screen as if the whole line were written: %s', async (_case, previous, next) => {
		expect(await screenAfter(previous, next)).toEqual(await screenOf(next));
	});
});
