import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runProbe } from '../src/checks/index.js';
import type { Finding } from '../src/classify/index.js';
import { CLAUSE } from '../src/contract/index.js';
import { DRIFTS, type DriftName, type FaultName } from '../src/simulator/index.js';
import { ENV, PROFILES, type ProfileName, type Simulated, simulated } from './probe-support.js';
import { faultHeader } from './simulator/helpers.js';

/**
 * What each drift or fault must produce (check:code:class), per profile. A finding "new" to the drift is one
 * the conforming run did not have. `no-usage-chunk` cannot show on CometAPI: its ledger does not document
 * the usage chunk, so the probe never asks for one.
 */
const EXPECTED: Partial<Record<DriftName | FaultName, (profile: ProfileName) => string[]>> = {
  // `usage` is optional in both profiles' documents, and the parser reads it: documented, not handled.
  'usage-missing': (p) => [
    'probe:usage-missing:documented-not-handled',
    ...(p === 'openai' ? ['probe-stream:stream-usage-missing:unexpected'] : []),
  ],
  'usage-null': (p) => [
    'probe:usage-null:unexpected',
    ...(p === 'openai' ? ['probe-stream:stream-usage-null:unexpected'] : []),
  ],
  // Both profiles document `content` as nullable: the drift is documented behaviour, handled per the ledger.
  'content-null': () => ['probe:content-null:documented-handled'],
  'content-moved': () => ['probe:content-missing:unexpected', 'probe:parsed-field-missing:unexpected'],
  'extra-field': () => [
    'probe:field-undocumented:observed-not-documented',
    'probe-stream:chunk-field-undocumented:observed-not-documented',
  ],
  'new-finish-reason': () => [
    'probe:finish-reason-undocumented:unexpected',
    'probe-stream:finish-reason-undocumented:unexpected',
  ],
  'id-missing': () => ['probe:id-missing:unexpected', 'probe-stream:chunk-id-missing:unexpected'],
  'object-wrong': () => [
    'probe:schema-violation:unexpected',
    'probe:meaning-not-allowed:unexpected',
    'probe-stream:chunk-schema-violation:unexpected',
    'probe-stream:meaning-not-allowed:unexpected',
  ],
  'created-string': () => [
    'probe:schema-violation:unexpected',
    'probe-stream:chunk-schema-violation:unexpected',
  ],
  // No document sets a minimum on `choices`: an empty list is allowed, and leaves the parser nothing to read.
  'choices-empty': () => [
    'probe:content-missing:documented-not-handled',
    'probe:finish-reason-missing:documented-not-handled',
    'probe-stream:finish-reason-missing:unexpected',
  ],
  'no-done': () => ['probe-stream:stream-no-done:unexpected'],
  'no-usage-chunk': (p) => (p === 'openai' ? ['probe-stream:stream-usage-missing:unexpected'] : []),
  'model-echo-different': () => [
    'probe:model-echo-different:unexpected',
    'probe-stream:model-echo-different:unexpected',
  ],
  // Meaning: what present fields mean (response.field-meaning). CometAPI states no relation between the usage
  // fields and no meaning for a breakdown, so a total that does not add up is not judged there.
  'usage-sum-wrong': (p) =>
    p === 'openai'
      ? ['probe:meaning-sum-mismatch:unexpected', 'probe-stream:meaning-sum-mismatch:unexpected']
      : [],
  'usage-negative': () => ['probe:meaning-out-of-range:unexpected'],
  'usage-details-exceed': (p) =>
    p === 'openai'
      ? ['probe:meaning-exceeds-parent:unexpected', 'probe-stream:meaning-exceeds-parent:unexpected']
      : ['probe:fields-present:documented-handled'],
  'created-milliseconds': () => [
    'probe:meaning-time-milliseconds:unexpected',
    'probe-stream:meaning-time-milliseconds:unexpected',
  ],
  'created-far': () => ['probe:meaning-time-far:unexpected', 'probe-stream:meaning-time-far:unexpected'],
  'choice-index-wrong': (p) => [
    'probe:meaning-index-invalid:unexpected',
    ...(p === 'openai' ? ['probe-stream:meaning-index-invalid:unexpected'] : []),
  ],
  'media-type-wrong': () => [
    'probe:media-type-mismatch:unexpected',
    'probe-stream:media-type-mismatch:unexpected',
  ],
  // CometAPI documents no rate-limit header: what it sends there is not judged.
  'ratelimit-header-malformed': (p) =>
    p === 'openai'
      ? ['probe:header-syntax-invalid:unexpected', 'probe-stream:header-syntax-invalid:unexpected']
      : [],
  // CometAPI says nothing about chunk ids or the last chunk of a choice (response.stream-rules is empty).
  'stream-id-changes': (p) => (p === 'openai' ? ['probe-stream:stream-id-changed:unexpected'] : []),
  'stream-no-finish': (p) => [
    'probe-stream:finish-reason-missing:unexpected',
    ...(p === 'openai' ? ['probe-stream:stream-choice-unfinished:unexpected'] : []),
  ],
  'models-created-milliseconds': (p) =>
    p === 'openai' ? ['probe-models:meaning-time-milliseconds:unexpected'] : [],
  'models-data-object': () => ['probe-models:meaning-wrong-type:unexpected'],
  // Error drifts change error answers only: the probe's answers are untouched (the negative suite judges them,
  // test/probe-meaning.test.ts).
  'error-media-type-wrong': () => [],
  'error-type-number': () => [],
  // Faults that break the answer rather than drift the contract.
  'stream-cut': () => ['probe:body-not-json:unexpected', 'probe-stream:stream-cut:unexpected'],
  'stream-error-event': () => [
    'probe:error-body-on-success:unexpected',
    'probe-stream:stream-error-event:unexpected',
  ],
  'malformed-json': () => ['probe:body-not-json:unexpected', 'probe-stream:chunk-not-json:unexpected'],
  'html-200': () => [
    'probe:media-type-mismatch:unexpected',
    'probe:body-not-json:unexpected',
    'probe-stream:media-type-mismatch:unexpected',
  ],
  'error-body-200': () => [
    'probe:error-body-on-success:unexpected',
    'probe-stream:error-body-on-success:unexpected',
  ],
};

const short = (f: Finding) => `${f.check}:${f.code}:${f.class}`;
// The message names the field, so a second undocumented field is new even when the code is not.
const full = (f: Finding) => `${short(f)}:${f.message}`;

test('the table covers every drift in the simulator catalogue', () => {
  // Faults with a table of their own elsewhere: a 429 stops the run (test/probe-meaning.test.ts).
  expect(DRIFTS.map((d) => d.name).filter((name) => !(name in EXPECTED))).toEqual([]);
});

describe.each(PROFILES)('drifts and faults against the %s simulator', (profile) => {
  let setup: Simulated;
  let baseline: Set<string>;
  beforeAll(async () => {
    setup = await simulated(profile);
    baseline = new Set((await runProbe(setup.contract(), { env: ENV })).findings.map(full));
  });
  afterAll(async () => {
    await setup.sim.close();
  });

  // Object.keys widens the literal's keys to string; they are the catalogue names EXPECTED is typed by.
  const names = Object.keys(EXPECTED) as (DriftName | FaultName)[];
  test.each(names)('%s is detected and lands in the right class', async (name) => {
    const result = await runProbe(setup.contract(), {
      env: ENV,
      extraHeaders: faultHeader(name),
    });
    const fresh = result.findings.filter((f) => !baseline.has(full(f)));
    const expected = EXPECTED[name]?.(profile) ?? [];
    expect(fresh.map(short)).toEqual(expect.arrayContaining(expected));
    if (expected.length === 0) expect(fresh).toEqual([]);
    // A drift never passes as "not run", nor as "not handled" unless the documents allow it (an optional
    // field the parser reads, absent: the seed's own negative case); it is judged against a clause.
    const unjudged = fresh.filter(
      (f) => f.class === 'not-run' || (f.class === 'documented-not-handled' && !expected.includes(short(f))),
    );
    expect(unjudged.filter((f) => f.code !== 'parsed-field-absent').map(full)).toEqual([]);
    for (const finding of fresh) {
      expect(finding.evidence.reproducer).toBeTypeOf('string');
      expect(finding.evidence.exchange?.request.url).toContain(setup.sim.url);
    }
  });
});

test('without a schema on the response clause, types are not judged (and nothing claims they were)', async () => {
  const setup = await simulated('cometapi', false);
  try {
    const result = await runProbe(setup.contract(), {
      env: ENV,
      extraHeaders: faultHeader('created-string'),
    });
    expect(result.findings.some((f) => f.code.startsWith('schema'))).toBe(false);
    expect(result.findings.some((f) => f.clause === CLAUSE.responseFields && f.class === 'unexpected')).toBe(
      false,
    );
  } finally {
    await setup.sim.close();
  }
});

describe.each(PROFILES)('parsed fields against the %s simulator', (profile) => {
  test('a conforming answer says every parsed field is present', async () => {
    const setup = await simulated(profile);
    try {
      const result = await runProbe(setup.contract(), { env: ENV });
      const probe = result.findings.filter((f) => f.check === 'probe' && f.clause === CLAUSE.parsedFields);
      expect(probe.map((f) => `${f.code}:${f.class}`)).toEqual(['parsed-fields-present:documented-handled']);
    } finally {
      await setup.sim.close();
    }
  });

  test('an answer without usage reports the missing parsed fields and never claims all are present', async () => {
    const setup = await simulated(profile);
    try {
      const result = await runProbe(setup.contract(), {
        env: ENV,
        extraHeaders: faultHeader('usage-missing'),
      });
      const probe = result.findings.filter((f) => f.check === 'probe' && f.clause === CLAUSE.parsedFields);
      const codes = probe.map((f) => `${f.code}:${f.class}`);
      // `usage` is optional in the documents: the parser depends on a field the provider may omit.
      expect(codes).toContain('parsed-field-absent:documented-not-handled');
      expect(probe.some((f) => f.code === 'parsed-fields-present')).toBe(false);
      expect(probe.filter((f) => f.code === 'parsed-field-absent').map((f) => f.message)).toEqual(
        expect.arrayContaining([expect.stringMatching(/usage/)]),
      );
    } finally {
      await setup.sim.close();
    }
  });
});
