/** An hour in milliseconds. */
export const HOUR_MS = 60 * 60 * 1000;

/**
 * Runs `work` now and then every hour in this process (the timer keeps no process alive). `work` handles its own
 * errors. The returned function stops the timer and resolves once a run in progress has finished, so the database is
 * not closed under it.
 */
export function everyHour(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = work();
  };
  run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    return running;
  };
}
