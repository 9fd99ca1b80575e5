/** GitBook-style ids: letters and digits, so they match the spec's `^[a-zA-Z0-9_-]+$`. */
import type { Random } from '../core/random.js';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An id for an organization, space, collection or invite link (20 characters). */
export const entityId = (random: Random): string => random.string(20, ALPHANUMERIC);

/** A user id (28 characters, as GitBook's). */
export const userId = (random: Random): string => random.string(28, ALPHANUMERIC);

/** Where the sandbox's objects say they live. Fixed hosts (never the sandbox's port), so answers repeat byte for byte. */
export const API_ORIGIN = 'https://api.gitbook.example';
export const APP_ORIGIN = 'https://app.gitbook.example';
