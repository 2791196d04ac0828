/**
 * @module simulator/models
 * The models a profile serves: its own entries (an alias and the id the answer echoes), then every id its
 * documents list, each echoed as sent. The same list is listed by the model endpoint and accepted by chat.
 */
import type { ModelEntry, Profile } from './types.js';

const served = new WeakMap<Profile, readonly ModelEntry[]>();

/** Every model the profile serves, its own entries first. */
export function servedModels(profile: Profile): readonly ModelEntry[] {
  const known = served.get(profile);
  if (known) return known;
  const own = profile.models.value;
  const ids = new Set(own.flatMap((entry) => [entry.id, entry.resolved]));
  const ownedBy = own[0]?.ownedBy ?? 'system';
  const documented = profile.documentedModels.value
    .filter((id) => !ids.has(id))
    .map((id) => ({ id, resolved: id, ownedBy }));
  const list = [...own, ...documented];
  served.set(profile, list);
  return list;
}

/** The entry a request's model id names (its alias or its resolved id), if the profile serves it. */
export function findModel(profile: Profile, id: string): ModelEntry | undefined {
  return servedModels(profile).find((entry) => entry.id === id || entry.resolved === id);
}
