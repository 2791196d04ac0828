/**
 * @module proxy/when
 * Promises that wait for a condition on the proxy's own counters (no exchange in flight, no connection open):
 * each resolves at once when the condition already holds, otherwise at the first `check()` that finds it.
 */
export interface When {
  wait(): Promise<void>;
  /** Call after every change the condition reads. */
  check(): void;
}

export function when(holds: () => boolean): When {
  const waiting: (() => void)[] = [];
  return {
    wait: () =>
      new Promise<void>((resolve) => {
        if (holds()) resolve();
        else waiting.push(resolve);
      }),
    check: () => {
      if (holds()) for (const wake of waiting.splice(0)) wake();
    },
  };
}
