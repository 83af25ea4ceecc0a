// A small cache for the bundle's patches of Ink: entries used lately survive, the rest go.
// Two maps: lookups that hit the older map are promoted to the newer; when the newer map is
// full, the older is dropped and the newer takes its place. Everything the last frames used
// stays, and the heap never holds more than two generations (a large cache of dead lines cost
// the garbage collector more than re-parsing them saved).
export class TwoGenerationCache {
	constructor(capacity) {
		this.capacity = capacity;
		this.current = new Map();
		this.previous = new Map();
	}

	get(key) {
		let value = this.current.get(key);
		if (value === undefined) {
			value = this.previous.get(key);
			if (value !== undefined) this.set(key, value);
		}

		return value;
	}

	set(key, value) {
		if (this.current.size >= this.capacity) {
			this.previous = this.current;
			this.current = new Map();
		}

		this.current.set(key, value);
		return this;
	}
}
