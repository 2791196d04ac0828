/**
 * @module contract/contract
 * A validated ledger seen as a contract: clauses by id, pending status, resolved sources. Pure.
 */
import { CATALOGUE, type ClauseRef, clauseRef } from './catalogue.js';
import { containsPlaceholder, isEmptyEvidence, isPlaceholder } from './placeholder.js';
import { AREAS, type Area, type Clause, type JsonValue, type Ledger, type Source } from './schema.js';
import { resolveSource } from './semantics.js';
import {
  type ClauseId,
  type ClauseIdOf,
  type ClauseValue,
  type ErrorExpectation,
  isClauseId,
  parseValue,
} from './values.js';

/** A clause with its source resolved and its pending state computed. */
export interface ContractClause extends Clause {
  /** The clause's id as findings name it: a catalogue `ClauseId` or the ledger's own. */
  id: ClauseRef;
  pending: boolean;
  resolvedSource: Source | undefined;
  /**
   * Fields other than the value that are still to fill: a placeholder anywhere (`source.quote`,
   * `implementation[0].location`, `owner`, …), or a quote that says nothing (`n/a`, empty). Never evidence.
   */
  pendingFields: string[];
}

export interface Contract {
  ledger: Ledger;
  clauses: readonly ContractClause[];
  /** The clause with this id, if the ledger has it. */
  clause(id: string): ContractClause | undefined;
  /** The clause's value when it is present and not pending; otherwise undefined. Never a default. */
  known(id: string): JsonValue | undefined;
  /** Ids among `ids` that are missing or pending: what blocks a check that needs them. */
  missing<I extends string>(ids: readonly I[]): I[];
  /**
   * A catalogue clause's value, parsed once when the contract was built and typed by its id; undefined when
   * missing, pending or mis-shaped. Never a default.
   */
  value<I extends ClauseId>(id: I): ClauseValue<I> | undefined;
}

export function toContract(ledger: Ledger): Contract {
  const clauses = ledger.clauses.map((clause) => {
    const resolvedSource = resolveSource(ledger, clause.source);
    return {
      ...clause,
      id: clauseRef(clause.id),
      pending: containsPlaceholder(clause.value),
      resolvedSource,
      pendingFields: pendingFieldsOf(clause, resolvedSource),
    };
  });
  const byId = new Map<string, ContractClause>(clauses.map((clause) => [clause.id, clause]));
  const parsed = new Map<ClauseId, unknown>();
  for (const clause of clauses) {
    if (clause.pending || !isClauseId(clause.id)) continue;
    const value = parseValue(clause.id, clause.value);
    if (value !== undefined) parsed.set(clause.id, value);
  }
  return {
    ledger,
    clauses,
    clause: (id) => byId.get(id),
    known: (id) => {
      const clause = byId.get(id);
      return clause && !clause.pending ? clause.value : undefined;
    },
    missing: (ids) => ids.filter((id) => byId.get(id)?.pending !== false),
    value: <I extends ClauseId>(id: I) => parsed.get(id) as ClauseValue<I> | undefined,
  };
}

/** Reads a clause's value, typed by its id: `read(contract, CLAUSE.timeoutMs)` is a number or undefined. */
export function read<I extends ClauseId>(contract: Contract, id: I): ClauseValue<I> | undefined {
  return contract.value(id);
}

/** Readers that also say which type they expect: an id whose value is of another type does not compile. */
export const values = {
  errorExpectation: <I extends ClauseIdOf<ErrorExpectation>>(contract: Contract, id: I) => contract.value(id),
  string: <I extends ClauseIdOf<string>>(contract: Contract, id: I) => contract.value(id),
  strings: <I extends ClauseIdOf<readonly string[]>>(contract: Contract, id: I) => contract.value(id),
  number: <I extends ClauseIdOf<number>>(contract: Contract, id: I) => contract.value(id),
};

/** Paths of the placeholders outside the value, and of a quote that is there but says nothing. */
function pendingFieldsOf(clause: Clause, source: Source | undefined): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (isPlaceholder(node)) found.push(path);
    else if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, `${path}[${i}]`);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) walk(value, path ? `${path}.${key}` : key);
    }
  };
  const { value: _value, source: _source, ...rest } = clause;
  walk(rest, '');
  if (source) walk(source, 'source');
  const quote = source?.quote;
  if (quote !== undefined && !isPlaceholder(quote) && isEmptyEvidence(quote)) found.push('source.quote');
  return [...new Set(found)];
}

export interface PendingArea {
  area: Area;
  total: number;
  pending: string[];
}

/** Per area: how many clauses, and which are pending. Catalogue clauses missing from the ledger count as pending. */
export function pendingReport(contract: Contract): PendingArea[] {
  return AREAS.map((area) => {
    const inArea = contract.clauses.filter((clause) => clause.area === area);
    const absent = CATALOGUE.filter((entry) => entry.area === area && !contract.clause(entry.id)).map(
      (entry) => `${entry.id} (absent)`,
    );
    return {
      area,
      total: inArea.length + absent.length,
      pending: [
        ...inArea.flatMap((clause) =>
          clause.pending
            ? [clause.id]
            : clause.pendingFields.length > 0
              ? [`${clause.id} (${clause.pendingFields.join(', ')})`]
              : [],
        ),
        ...absent,
      ],
    };
  });
}
