/**
 * @module contract/semantics
 * Rules a schema cannot express: unique ids, sourced contracted numbers, dated sources, no inline secrets.
 */

import type { z } from 'zod';
import type { Problem } from '../errors.js';
import { looksLikeSecret } from '../redact/patterns.js';
import { CLAUSE } from './catalogue.js';
import { judgeClauseId } from './clause-ids.js';
import { formatPath, type LocatedDocument } from './located.js';
import { containsPlaceholder, isEmptyEvidence, isPlaceholder } from './placeholder.js';
import type { Ledger, Source } from './schema.js';
import { isClauseId, VALUE_SCHEMAS } from './values.js';

/** A clause's source with its `ref` resolved against the ledger's named sources. */
export function resolveSource(
  ledger: Pick<Ledger, 'sources'>,
  source: Source | undefined,
): Source | undefined {
  if (!source) return undefined;
  const named = source.ref ? ledger.sources[source.ref] : undefined;
  if (!named) return source;
  const merged: Source = { ...source };
  merged.title ??= named.title;
  merged.url ??= named.url;
  if (named.accessed !== undefined) merged.accessed ??= named.accessed;
  return merged;
}

function all(ledger: Ledger, doc: LocatedDocument): Problem[] {
  const problems: Problem[] = [];
  for (const [id, named] of Object.entries(ledger.sources)) {
    if (named.accessed === undefined) {
      problems.push({
        code: 'E_LEDGER_INVALID',
        message: `source \`${id}\` has no access date (\`accessed: YYYY-MM-DD\`)`,
        location: doc.locate(['sources', id]),
      });
    }
  }
  const seen = new Map<string, number>();
  ledger.clauses.forEach((clause, index) => {
    const at = (...path: PropertyKey[]) => doc.locate(['clauses', index, ...path]);
    const first = seen.get(clause.id);
    if (first !== undefined) {
      problems.push({
        code: 'E_LEDGER_INVALID',
        message: `duplicate clause id \`${clause.id}\` (first at clauses[${first}])`,
        location: at('id'),
      });
    } else {
      seen.set(clause.id, index);
    }
    // A near miss of a catalogue id is a typo, not a custom clause: checks would silently skip it.
    const judged = judgeClauseId(clause.id);
    if (judged.kind === 'typo') {
      problems.push({
        code: 'E_LEDGER_INVALID',
        message: `unknown clause id \`${clause.id}\`; did you mean \`${judged.nearest}\`?`,
        location: at('id'),
      });
    }
    if (clause.source?.ref && !ledger.sources[clause.source.ref]) {
      const known = Object.keys(ledger.sources).join(', ') || 'none';
      problems.push({
        code: 'E_LEDGER_INVALID',
        message: `source ref \`${clause.source.ref}\` is not in \`sources\` (known: ${known})`,
        location: at('source', 'ref'),
      });
    }
    const source = resolveSource(ledger, clause.source);
    // A named source without a date is reported once, at the source, not at every clause citing it.
    const named = clause.source?.ref !== undefined && ledger.sources[clause.source.ref] !== undefined;
    if (source && (source.url || source.quote) && source.accessed === undefined && !named) {
      problems.push({
        code: 'E_LEDGER_INVALID',
        message: 'source has no access date (`accessed: YYYY-MM-DD`)',
        location: at('source'),
      });
    }
    if (clause.basis === 'contracted' && hasNumber(clause.value) && !isCited(source)) {
      problems.push({
        code: 'E_LEDGER_INVALID',
        message:
          'a contracted number needs a cited source (url and quote); mark it `basis: local` if the team tunes it',
        location: at('value'),
      });
    }
    if (clause.basis === 'local' && !clause.owner) {
      problems.push({
        code: 'E_LEDGER_INVALID',
        message: 'a local value needs an `owner` who tunes it',
        location: at('basis'),
      });
    }
    const valueSchema = isClauseId(clause.id) ? (VALUE_SCHEMAS[clause.id] as z.ZodType) : undefined;
    if (valueSchema && !containsPlaceholder(clause.value)) {
      const parsed = valueSchema.safeParse(clause.value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where =
          issue && issue.path.length > 0 ? ` at \`${formatPath(issue.path as PropertyKey[])}\`` : '';
        const hint =
          clause.id === CLAUSE.keyRef
            ? 'the key must be a reference, `env:NAME` or `file:PATH`'
            : issue && describeValueIssue(issue, valueAtPath(clause.value, issue.path as PropertyKey[]));
        problems.push({
          code: 'E_LEDGER_INVALID',
          message: `value of \`${clause.id}\`${where}: ${hint}`,
          location: at('value', ...((issue?.path as PropertyKey[]) ?? [])),
        });
      }
    }
  });
  return problems;
}

/** What a value issue expects, by type: a union's branches (`number or array`), else zod's own words. */
function describeValueIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const got = input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input;
  const expected =
    issue.code === 'invalid_type'
      ? [issue.expected as string]
      : issue.code === 'invalid_union'
        ? issue.errors.flatMap((branch) =>
            branch[0]?.code === 'invalid_type' && branch[0].path.length === 0
              ? [branch[0].expected as string]
              : [],
          )
        : [];
  const types = [...new Set(expected)];
  if (types.length === 0 || types.includes(got)) return issue.message;
  return `expected ${types.join(' or ')}, got ${got}`;
}

function valueAtPath(value: unknown, path: readonly PropertyKey[]): unknown {
  let node = value;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

function hasNumber(value: unknown): boolean {
  if (typeof value === 'number') return true;
  if (Array.isArray(value)) return value.some(hasNumber);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasNumber);
  return false;
}

function isCited(source: Source | undefined): boolean {
  return Boolean(source?.url && !isPlaceholder(source.url) && !isEmptyEvidence(source.quote));
}

/** A key-named query parameter with a literal value (`?api_key=abc123`); `<PLACEHOLDER>` and `$VAR` are fine. */
export function hasQuerySecret(value: string): boolean {
  const pattern =
    /[?&](?:api[-_]?key|apikey|key|access[-_]?token|token|secret|password|client[-_]secret|sig|signature)=([^&#\s]+)/gi;
  for (const match of value.matchAll(pattern)) {
    const literal = decodeURIComponentSafe(match[1] ?? '');
    if (!/^(?:<[^>]*>|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)$/.test(literal)) return true;
  }
  return false;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Every scalar that looks like a secret, by line. The message never includes the value: only where it is.
 * Runs on the raw YAML so a secret is caught even in a field the schema would reject.
 */
function inlineSecrets(doc: LocatedDocument): Problem[] {
  const problems: Problem[] = [];
  const walk = (value: unknown, path: PropertyKey[]): void => {
    if (typeof value === 'string') {
      if (looksLikeSecret(value) || hasQuerySecret(value)) {
        problems.push({
          code: 'E_INLINE_SECRET',
          message:
            'this value looks like an inline secret; store a reference (`env:NAME` or `file:PATH`) instead',
          location: doc.locate(path),
        });
      }
      return;
    }
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, [...path, index]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (looksLikeSecret(key)) {
          problems.push({
            code: 'E_INLINE_SECRET',
            message: 'a key looks like an inline secret',
            location: doc.locate(path),
          });
        }
        walk(item, [...path, key]);
      }
    }
  };
  walk(doc.data, []);
  return problems;
}

export const semanticProblems = { all, inlineSecrets };
