/** Waits `ms` milliseconds: for something that should not happen to have had its chance. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `check()` holds or `ms` pass (the assertion after it says which): deliveries arrive asynchronously. */
export async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await pause(50);
}
