export class TwoGenerationCache<K, V> {
	constructor(capacity: number);
	get(key: K): V | undefined;
	set(key: K, value: V): this;
}
