// What a dead engine host's stderr says of its death, in one line.
import {describe, expect, it} from 'vitest';
import {lastWords} from '../source/orchestrator/last-words.js';

describe('lastWords', () => {
	it("takes the error line of Node's report of an uncaught throw, not its version banner", () => {
		const report = [
			'file:///tmp/task.mjs:1',
			"export default () => new Promise(() => { setTimeout(() => { throw new Error('boom'); }, 10); });",
			'                                                                  ^',
			'',
			'Error: boom',
			'    at Timeout._onTimeout (file:///tmp/task.mjs:1:67)',
			'    at listOnTimeout (node:internal/timers:581:17)',
			'',
			'Node.js v20.20.2',
			'',
		].join('\n');
		expect(lastWords(report)).toBe('Error: boom');
	});

	it('keeps a thrown non-Error and drops the hints Node adds after it', () => {
		const report = ['node:internal/process/esm_loader:40', '      internalBinding(...)', '                                ^', 'gone', '(Use `node --trace-uncaught ...` to show where the exception was thrown)', '', 'Node.js v20.20.2'].join('\n');
		expect(lastWords(report)).toBe('gone');
	});

	it("says nothing rather than quote a stack frame of process.abort()'s report", () => {
		const report = '----- Native stack trace -----\n\n 1: 0xd3a3c0  [node]\n 2: 0xf50bdf v8::internal::Builtin_HandleApiCall [node]\n\n----- JavaScript stack trace -----\n\n1: runAsyncEngine (file:///x/dist/host.js:322:21)\n';
		expect(lastWords(report)).toBe('');
	});

	it('is empty when nothing was printed', () => {
		expect(lastWords('')).toBe('');
		expect(lastWords('\nNode.js v22.1.0\n')).toBe('');
	});
});
