/**
 * @module diff/shape-changes
 * Changes in the observed shape of a response or stream chunk: fields that appeared, disappeared, changed type
 * or became null, graded by whether the contract documents the field and the parser reads it.
 */
import { change, type Draft } from './draft.js';
import type { PacketView } from './observe.js';
import { type PathShape, parentPath, type Shape } from './shape.js';

const isAncestorOf = (path: string, set: ReadonlySet<string>): boolean => {
  for (const item of set)
    if (item === path || item.startsWith(`${path}.`) || item.startsWith(`${path}[]`)) return true;
  return false;
};

/** Stream chunks carry `choices[].delta.x` where the JSON body has `choices[].message.x`. */
const asBodyPath = (path: string): string => path.replace(/^choices\[\]\.delta(?=\.|$)/, 'choices[].message');

function describeShape(shape: PathShape): string {
  return [...shape.types, ...(shape.nullSeen ? ['null'] : [])].join('|') || 'null';
}

export function shapeChanges(
  label: string,
  base: Shape | null,
  head: Shape | null,
  view: PacketView,
): Draft[] {
  if (!base || !head) return [];
  const out: Draft[] = [];
  const documented = (path: string) => isAncestorOf(asBodyPath(path), view.documented);
  const parsed = (path: string) => isAncestorOf(asBodyPath(path), view.parsed);
  for (const [path, before] of base.paths) {
    const after = head.paths.get(path);
    const subject = `${label}: ${path}`;
    if (!after) {
      // Only the outermost removed path: `usage` gone implies its three counters are gone.
      const parent = parentPath(path);
      if (parent !== undefined && !head.paths.has(parent) && base.paths.has(parent)) continue;
      const rule = parsed(path)
        ? 'parsed-field-removed'
        : documented(path)
          ? 'documented-field-removed'
          : 'undocumented-field-removed';
      out.push(change(rule, subject, describeShape(before), null, `${path} is no longer in the ${label}`));
      continue;
    }
    const typesBefore = before.types.join('|');
    const typesAfter = after.types.join('|');
    if (typesBefore !== typesAfter && before.types.length > 0 && after.types.length > 0) {
      out.push(
        change(
          documented(path) ? 'documented-field-type' : 'undocumented-field-type',
          subject,
          typesBefore,
          typesAfter,
          `${path} changed type from ${typesBefore} to ${typesAfter}`,
        ),
      );
    }
    if (!before.nullSeen && after.nullSeen) {
      const allowed = view.nullable.has(asBodyPath(path)) || !documented(path);
      out.push(
        change(
          allowed ? 'field-null-allowed' : 'field-now-null',
          subject,
          describeShape(before),
          describeShape(after),
          `${path} is now null${allowed ? '' : ', which response.nullable-fields does not allow'}`,
        ),
      );
    } else if (before.nullSeen && !after.nullSeen && after.types.length > 0) {
      out.push(
        change(
          'field-no-longer-null',
          subject,
          describeShape(before),
          describeShape(after),
          `${path} is no longer null`,
        ),
      );
    }
    const always = (shape: PathShape, of: Shape) => shape.present === of.samples;
    if (always(before, base) && !always(after, head)) {
      out.push(
        change(
          'field-now-intermittent',
          subject,
          `${before.present}/${base.samples}`,
          `${after.present}/${head.samples}`,
          `${path} is in ${after.present} of ${head.samples}, was in every one`,
        ),
      );
    } else if (!always(before, base) && always(after, head)) {
      out.push(
        change(
          'field-now-constant',
          subject,
          `${before.present}/${base.samples}`,
          `${after.present}/${head.samples}`,
          `${path} is now in every one`,
        ),
      );
    }
  }
  for (const [path, after] of head.paths) {
    if (base.paths.has(path)) continue;
    const parent = parentPath(path);
    if (parent !== undefined && !base.paths.has(parent) && head.paths.has(parent)) continue;
    out.push(
      change(
        'field-added',
        `${label}: ${path}`,
        null,
        describeShape(after),
        `${path} is new in the ${label}`,
      ),
    );
  }
  return out;
}
