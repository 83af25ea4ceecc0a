/**
 * What a task module is told when it makes every object a thenable.
 */
export const objectThenRefused =
	'a task module may not define Object.prototype.then: every object would become a promise-like value, concur-tui\'s own included';

/**
 * Keeps `Object.prototype.then` undefined for the life of this process or thread: a task module
 * that defines it (by assignment or defineProperty) fails to load with that reason, instead of
 * turning every object the engine awaits into a promise of something else ("task is not a
 * function"). Assigning `then` to any other object still makes that object a thenable, as usual.
 * Called by each engine entry before any task module loads.
 */
export function guardObjectThen(): void {
	if (Object.getOwnPropertyDescriptor(Object.prototype, 'then')?.configurable === false) return;
	Object.defineProperty(Object.prototype, 'then', {
		configurable: false,
		enumerable: false,
		get: () => undefined,
		set(this: unknown, value: unknown) {
			if (this === Object.prototype) throw new TypeError(objectThenRefused);
			Object.defineProperty(this, 'then', {value, writable: true, enumerable: true, configurable: true});
		},
	});
}
