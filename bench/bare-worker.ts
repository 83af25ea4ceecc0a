// The baseline for the dispatch benchmark: a workerpool worker that does nothing, as bare as it gets.
import workerpool from 'workerpool';

workerpool.worker({noop: () => undefined});
