import {Component, type ReactNode} from 'react';

type RenderGuardProps = {readonly children: ReactNode; readonly onError: (error: Error) => void};

/**
 * Catches an error thrown while drawing: the dashboard then draws nothing more and hands the
 * error on, so concur-tui can stop its engines, restore the terminal and say what went wrong.
 */
export class RenderGuard extends Component<RenderGuardProps, {failed: boolean}> {
	override state = {failed: false};

	static getDerivedStateFromError(): {failed: boolean} {
		return {failed: true};
	}

	override componentDidCatch(error: Error): void {
		this.props.onError(error);
	}

	override render(): ReactNode {
		return this.state.failed ? null : this.props.children;
	}
}
