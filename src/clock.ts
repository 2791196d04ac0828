/**
 * @module clock
 * What the time is now. Every part that reads the time (the review, the probe's timestamps, the store, the
 * sources check, the simulator, a fault's HTTP-date `Retry-After`) takes a `Clock`, so a test can fix it.
 */

/** The current time. */
export type Clock = () => Date;

/** The machine's clock. */
export const systemClock: Clock = () => new Date();
