/**
 * @module report/qualifiers
 * What a verdict does not cover, said next to it: a rehearsal against another target, quotes not re-fetched,
 * waived gaps, an interrupted run, target overrides, implementation evidence nobody checked in the code. Each
 * qualifier is derived from the packet's own data by one function below, so every renderer shows the same list.
 */
import { checkFamily } from '../classify/index.js';
import { containsPlaceholder } from '../contract/index.js';
import { QUALIFIER_IDS, type Qualifier, type QualifierId, type Target } from './qualifier-schema.js';
import type { Packet } from './schema.js';

export {
  QUALIFIER_IDS,
  type Qualifier,
  type QualifierId,
  QualifierSchema,
  TARGET_KINDS,
  type Target,
  type TargetKind,
  TargetSchema,
} from './qualifier-schema.js';

/** The part of the packet the qualifiers are derived from. */
export type QualifierInput = Pick<
  Packet,
  'target' | 'incomplete' | 'review' | 'checks' | 'findings' | 'waivers' | 'rules' | 'clauses'
> &
  Partial<Pick<Packet, 'scan'>>;

/** What the ledger target is called in a rehearsal line. */
const ledgerTargetName = (target: Target): string => target.ledgerUrl ?? 'the ledger target (pending)';

function rehearsal(p: QualifierInput): Qualifier | undefined {
  if (p.target.kind === 'ledger') return undefined;
  return { id: 'rehearsal', text: rehearsalLine(p.target) };
}

function incomplete(p: QualifierInput): Qualifier | undefined {
  if (!p.incomplete) return undefined;
  return {
    id: 'incomplete',
    text: 'incomplete: the review was interrupted; checks after that point did not run',
  };
}

/** Target fields replaced for this run; the incident id is a label, not a target. */
const TARGET_OVERRIDES = new Set(['base-url', 'key-ref']);

function overrides(p: QualifierInput): Qualifier | undefined {
  const list = p.review.overrides.filter((o) => TARGET_OVERRIDES.has(o.field));
  if (list.length === 0) return undefined;
  return {
    id: 'overrides',
    text: `overrides: ${list.map((o) => `--${o.field} ${o.value}`).join(', ')} replaced the ledger's values for this run`,
    count: list.length,
  };
}

function sourcesNotRechecked(p: QualifierInput): Qualifier | undefined {
  const checked = p.findings.some((f) => checkFamily(f.check) === 'sources' && f.class !== 'not-run');
  if (checked) return undefined;
  const ran = p.findings.some((f) => checkFamily(f.check) === 'sources');
  return {
    id: 'sources-not-rechecked',
    text: ran
      ? 'sources not re-checked: the cited documentation could not be fetched'
      : 'sources not re-checked: quoted passages were taken as written (--check-sources fetches them)',
  };
}

function waived(p: QualifierInput): Qualifier | undefined {
  const active = p.waivers.filter((w) => w.state === 'active' && w.covers.length > 0);
  if (active.length === 0) return undefined;
  const items = new Set(
    p.rules.flatMap((rule) => rule.items.filter((item) => item.waivedBy).map((item) => item.ref)),
  );
  const expires = active.map((w) => w.expires).sort()[0] ?? '';
  const notRun = p.findings.filter((f) => f.waivedBy && f.class === 'not-run').length;
  const unrun = notRun > 0 ? `; ${notRun} waived check result(s) did not run` : '';
  return {
    id: 'waived',
    text: `waived: ${items.size} item(s) accepted by ${active.length} waiver(s), earliest expiry ${expires}${unrun}`,
    count: items.size,
    expires,
  };
}

/**
 * Implementation evidence taken as written. Without a code scan (`review --repo`), every clause naming a location
 * counts; with one, only clauses with a repository location the scan did not verify (not found, or not checked:
 * a pending value, a file chatproof does not read). Locations that are not repository files (a dashboard, a
 * runbook URL) are no code locations and are not counted once the scan ran.
 */
function implementationNotVerified(p: QualifierInput): Qualifier | undefined {
  if (p.scan) {
    const unverified = new Set(
      p.scan.locations
        .filter((location) => location.repository && location.status !== 'verified')
        .map((location) => location.clause),
    ).size;
    if (unverified === 0) return undefined;
    return {
      id: 'implementation-not-verified',
      text: `implementation evidence partly verified: ${unverified} clause(s) name code locations the scan of ${p.scan.repo} did not find or could not check`,
      count: unverified,
    };
  }
  const claimed = p.clauses.filter((clause) =>
    clause.implementation.some((evidence) => !containsPlaceholder(evidence.location)),
  ).length;
  if (claimed === 0) return undefined;
  return {
    id: 'implementation-not-verified',
    text: `implementation evidence claimed, not verified: ${claimed} clause(s) name code locations this review did not check (review --repo checks them)`,
    count: claimed,
  };
}

/** One derivation per qualifier, in display order. */
const DERIVATIONS: readonly ((packet: QualifierInput) => Qualifier | undefined)[] = [
  rehearsal,
  incomplete,
  overrides,
  sourcesNotRechecked,
  waived,
  implementationNotVerified,
];

/** The qualifiers of a packet, derived from its data; `extra` ones (from checks) are merged in display order. */
export function deriveQualifiers(packet: QualifierInput, extra: readonly Qualifier[] = []): Qualifier[] {
  const derived = DERIVATIONS.map((derive) => derive(packet)).filter((q): q is Qualifier => !!q);
  const all = [...derived, ...extra.filter((q) => !derived.some((d) => d.id === q.id))];
  return all.sort((a, b) => QUALIFIER_IDS.indexOf(a.id) - QUALIFIER_IDS.indexOf(b.id));
}

/** `rehearsal against the embedded simulator: says nothing about https://api.example/v1`. */
export function rehearsalLine(target: Target): string {
  // The demo's ledger describes the simulator itself: the run says nothing about any real provider.
  const about =
    target.kind === 'simulator' && target.ledgerUrl === target.url
      ? "any provider's API"
      : ledgerTargetName(target);
  return `rehearsal against ${target.label}: says nothing about ${about}`;
}

/** Short names, for the verdict line: `PASS (rehearsal, sources not re-checked)`. */
export const QUALIFIER_LABEL: Record<QualifierId, string> = {
  rehearsal: 'rehearsal',
  incomplete: 'incomplete',
  overrides: 'overrides',
  'sources-not-rechecked': 'sources not re-checked',
  waived: 'waived',
  'implementation-not-verified': 'implementation not verified',
};
