import {existsSync} from 'node:fs';
import {pathToFileURL} from 'node:url';
import {describeError} from '../util/describe-error.js';
import type {TaskFunction} from './task-function.js';
import {objectThenRefused} from '../util/then-guard.js';

/** A task module that cannot be used; its message is one line meant for the user. */
export class TaskModuleError extends Error {
	override name = 'TaskModuleError';
}

/** Imports a user's task module and returns its default export, which must be a function. */
export async function loadTaskModule(path: string): Promise<TaskFunction> {
	if (!existsSync(path)) throw new TaskModuleError(`task module not found: ${path}`);
	let module: {default?: unknown};
	try {
		module = (await import(pathToFileURL(path).href)) as {default?: unknown};
	} catch (error) {
		// defineProperty on the guarded Object.prototype.then says only "Cannot redefine property".
		const why = error instanceof TypeError && error.message === 'Cannot redefine property: then' ? `TypeError: ${objectThenRefused}` : describeError(error);
		throw new TaskModuleError(`task module ${path} failed to load: ${why}`);
	}

	// A CommonJS module compiled from `export default` (TypeScript, Babel) sets exports.default:
	// Node's import gives that object as the default, with the function inside it.
	const inner = (module.default as {default?: unknown} | null | undefined)?.default;
	if (typeof module.default !== 'function' && typeof inner === 'function') return inner as TaskFunction;
	if (typeof module.default !== 'function') {
		const found = module.default === undefined ? 'no default export' : `a default export of type ${typeof module.default}`;
		throw new TaskModuleError(
			`task module ${path} must export a default function (input, {progress, signal}) => result; found ${found}`,
		);
	}

	return module.default as TaskFunction;
}
