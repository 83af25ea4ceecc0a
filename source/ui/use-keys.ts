import {type Key, useInput} from 'ink';
import {useCallback, useLayoutEffect, useRef} from 'react';

type KeyHandler = (input: string, key: Key) => void;

/**
 * Ink's useInput, subscribed once: Ink subscribes to stdin again whenever its handler changes,
 * and a handler that closes over the frame's state is new at every frame (10 a second). The
 * latest handler is kept here and called through one stable function.
 */
export function useKeys(handler: KeyHandler, options: {readonly isActive: boolean}): void {
	const latest = useRef(handler);
	useLayoutEffect(() => {
		latest.current = handler;
	});
	const stable = useCallback<KeyHandler>((input, key) => {
		latest.current(input, key);
	}, []);
	useInput(stable, options);
}
