/** Runs a job now and then every `everyMs` until stopped; a run never overlaps the previous one; failures are logged. */
export function startJob(name: string, run: () => Promise<unknown>, log: { error(obj: unknown, msg: string): void }, everyMs = 3_600_000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(run).catch((error: unknown) => log.error({ err: error }, `${name} failed`));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
