/**
 * Runs in-memory document renders one after another in this process. The essay DOCX of a series with
 * 10,000 outcome items needs about 250 MB while it is built (see BENCHMARKS.md); several organisers
 * clicking at once must queue, not multiply that. A failed task does not block the ones after it.
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return function enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

export const renderOneAtATime = createSerialQueue();
