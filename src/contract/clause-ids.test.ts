import { describe, expect, test } from 'vitest';
import { clauseIdWarnings, judgeClauseId } from './clause-ids.js';

describe('clause ids against the catalogue', () => {
  test('a misspelled catalogue id is a typo, with the id it meant', () => {
    for (const [id, nearest] of [
      ['endpoint.chat-paht', 'endpoint.chat-path'], // two letters swapped
      ['endpoint.chatpath', 'endpoint.chat-path'], // a letter dropped
      ['request.model-idd', 'request.model-id'], // a letter added
      ['policy.max-attempt', 'policy.max-attempts'],
      ['Endpoint.Chat-Path', 'endpoint.chat-path'], // case only
    ] as const) {
      expect(judgeClauseId(id), id).toEqual({ kind: 'typo', nearest });
    }
  });

  test('a catalogue id with a qualifier, or an id unlike any, is a custom clause', () => {
    for (const id of [
      'errors.rate-limit-eu',
      'errors.rate-limit.eu',
      'request.model-id_fallback',
      'support.pager-rota',
    ]) {
      expect(judgeClauseId(id), id).toEqual({ kind: 'custom' });
    }
    expect(judgeClauseId('endpoint.chat-path')).toEqual({ kind: 'catalogue' });
  });

  test('an id that only resembles a catalogue id is a warning, never an error', () => {
    const judged = judgeClauseId('policy.timeout');
    expect(judged.kind).toBe('resembles');
    expect(clauseIdWarnings([{ id: 'endpoint.chat-path' }, { id: 'policy.timeout' }])).toEqual([
      expect.objectContaining({ path: 'clauses[1].id', id: 'policy.timeout' }),
    ]);
  });
});
