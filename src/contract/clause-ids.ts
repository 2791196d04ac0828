/**
 * @module contract/clause-ids
 * A ledger's clause ids against the catalogue's. Checks read catalogue ids only, so a misspelled one is silently
 * never checked: an id a typo away from a catalogue id is an error, with the id it meant. A custom clause is
 * welcome, and one that extends a catalogue id (`errors.rate-limit-eu`, `errors.rate-limit.eu`) is plainly
 * deliberate; one merely resembling a catalogue id gets a warning, since it may be either.
 */
import { CLAUSE } from './catalogue.js';
import { editDistance } from './nearest.js';

/** Edits a typo makes: a letter dropped, added, changed, or two swapped. */
const TYPO_EDITS = 2;

export type ClauseIdVerdict =
  | { kind: 'catalogue' }
  | { kind: 'custom' }
  | { kind: 'typo'; nearest: string }
  | { kind: 'resembles'; nearest: string };

const CATALOGUE_IDS: readonly string[] = Object.values(CLAUSE);

/** What `id` is: a catalogue id, a custom one, a near miss of one (error), or one that resembles one (warning). */
export function judgeClauseId(id: string): ClauseIdVerdict {
  if (CATALOGUE_IDS.includes(id)) return { kind: 'catalogue' };
  let nearest: string | undefined;
  let best = Number.POSITIVE_INFINITY;
  for (const candidate of CATALOGUE_IDS) {
    const distance = editDistance(id.toLowerCase(), candidate.toLowerCase());
    if (distance < best) {
      best = distance;
      nearest = candidate;
    }
  }
  if (nearest === undefined) return { kind: 'custom' };
  // Only a case difference is a typo whatever the length (`Endpoint.Base-URL`).
  if (id.toLowerCase() === nearest.toLowerCase()) return { kind: 'typo', nearest };
  if (extendsCatalogueId(id)) return { kind: 'custom' };
  if (best <= TYPO_EDITS) return { kind: 'typo', nearest };
  if (best <= Math.floor(id.length / 3)) return { kind: 'resembles', nearest };
  return { kind: 'custom' };
}

/** `errors.rate-limit-eu`, `errors.rate-limit.eu`, `errors.rate-limit_eu`: a catalogue id plus a qualifier. */
function extendsCatalogueId(id: string): boolean {
  return CATALOGUE_IDS.some(
    (known) => id.length > known.length + 1 && /^[-._]/.test(id.slice(known.length)) && id.startsWith(known),
  );
}

/** A clause id that resembles a catalogue id without being a typo of it: valid, worth a second look. */
export interface ClauseIdWarning {
  /** `3`: the clause's position in `clauses` */
  index: number;
  /** `clauses[3].id` */
  path: string;
  id: string;
  nearest: string;
  message: string;
}

export function clauseIdWarnings(clauses: readonly { id: string }[]): ClauseIdWarning[] {
  return clauses.flatMap((clause, index) => {
    const judged = judgeClauseId(clause.id);
    if (judged.kind !== 'resembles') return [];
    return [
      {
        index,
        path: `clauses[${index}].id`,
        id: clause.id,
        nearest: judged.nearest,
        message: `custom clause id \`${clause.id}\` resembles the catalogue's \`${judged.nearest}\`: checks read catalogue ids only, so rename it if it is meant as that clause`,
      },
    ];
  });
}
