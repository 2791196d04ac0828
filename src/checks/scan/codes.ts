/**
 * @module checks/scan/codes
 * The review finding codes of the code scan besides its rule ids (`rules.ts`): a ledger implementation location
 * that does not hold its clause's value. The type is the table: a code not listed here does not compile.
 */

export const SCAN_CODES = ['location-not-found'] as const;
export type ScanCode = (typeof SCAN_CODES)[number];

/** The code scan's check name. */
export const SCAN_CHECK = 'scan';
