/** The simulator's contract profiles, by name. */
import type { Profile, ProfileName } from '../types.js';
import { cometapi } from './cometapi.js';
import { openai } from './openai.js';

export const PROFILES: Readonly<Record<ProfileName, Profile>> = { cometapi, openai };
export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];
