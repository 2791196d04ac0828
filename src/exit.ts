/**
 * @module exit
 * The exit codes, stable and documented (`chatproof --help`), defined once: the CLI returns them, the verdict maps
 * onto them, and each check's own exit code (probe, negative, sources, traffic, scan) reads them from here.
 */
export const EXIT = {
  pass: 0,
  fail: 1,
  escalate: 2,
  usage: 64,
  internal: 70,
  /** The review ran and its packet is written, but the history store could not be written. */
  storeFailed: 73,
  /** An output could not be created (EX_CANTCREAT): a read-only folder, a full disk, a name too long. */
  cantCreate: 73,
  interrupted: 130,
  /** Stopped by SIGTERM (128 + 15); the partial packet is written as for Ctrl-C. */
  terminated: 143,
} as const;
