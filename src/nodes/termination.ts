/**
 * Turns SIGINT/SIGTERM (Ctrl-C, or the Actions runner cancelling the job)
 * into an AbortSignal, so a drain or upgrade in flight stops evicting,
 * records where it stopped and releases the lock instead of dying mid-way.
 */
export function terminationSignal(parent?: AbortSignal): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130); // a second signal: stop now
    controller.abort(new Error(`received ${name}`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const onParent = () => controller.abort(parent?.reason);
  parent?.addEventListener("abort", onParent, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      parent?.removeEventListener("abort", onParent);
    },
  };
}
