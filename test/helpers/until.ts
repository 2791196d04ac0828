/**
 * Polls `check` every 50 ms until it holds or `ms` pass; resolves with its last answer. Only for what gives no
 * event to wait on (another process's files or exit); anything in this process has its own event (`when()`).
 */
export async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}
