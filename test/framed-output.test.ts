import {describe, expect, it} from 'vitest';
import {framedStream} from '../source/cli/framed-output.js';

const begin = '\u001B[?2026h';
const end = '\u001B[?2026l';

/** A terminal stream that records each write it is given. */
function recordingStream() {
	const writes: unknown[][] = [];
	const stream = {
		columns: 80,
		rows: 24,
		isTTY: true,
		write(...args: unknown[]) {
			writes.push(args);
			return true;
		},
		listeners: 0,
		on() {
			this.listeners++;
			return this;
		},
	};
	return {stream, writes, framed: framedStream(stream as unknown as NodeJS.WriteStream)};
}

describe('one write a frame', () => {
	it('sends a synchronized frame (begin, its lines, end) as one write', () => {
		const {writes, framed} = recordingStream();
		framed.write(begin);
		framed.write('\u001B[2Aline one\nline two\n');
		expect(writes).toEqual([]);
		framed.write(end);
		expect(writes).toEqual([[`${begin}\u001B[2Aline one\nline two\n${end}`]]);
	});

	it('passes other writes through at once and in order', () => {
		const {writes, framed} = recordingStream();
		framed.write('\u001B[?25l');
		framed.write(begin);
		framed.write('frame');
		framed.write(end);
		framed.write('after\n');
		expect(writes.map(([text]) => text)).toEqual(['\u001B[?25l', `${begin}frame${end}`, 'after\n']);
	});

	it('does not hold a frame whose end never comes longer than the code that began it', async () => {
		const {writes, framed} = recordingStream();
		framed.write(begin);
		framed.write('half a frame');
		expect(writes).toEqual([]);
		await Promise.resolve();
		expect(writes).toEqual([[`${begin}half a frame`]]);
	});

	it('sends what it holds before a write it cannot hold (bytes, or one with a callback)', () => {
		const {writes, framed} = recordingStream();
		const done = () => undefined;
		framed.write(begin);
		framed.write('held');
		framed.write('with a callback', done);
		framed.write(Buffer.from('bytes'));
		expect(writes).toEqual([[`${begin}held`], ['with a callback', done], [Buffer.from('bytes')]]);
	});

	it('is the stream for everything else: size, isTTY, its methods', () => {
		const {stream, framed} = recordingStream();
		expect([framed.columns, framed.rows, framed.isTTY]).toEqual([80, 24, true]);
		framed.on('resize', () => undefined);
		expect(stream.listeners).toBe(1);
	});
});
