const pad = (n: number) => String(n).padStart(2, '0');

/** `at` as `yyyymmddThhmmssZ` in UTC: the time part of snapshot and review folder names. */
export const utcStamp = (at: Date): string =>
  `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}T${pad(at.getUTCHours())}${pad(
    at.getUTCMinutes(),
  )}${pad(at.getUTCSeconds())}Z`;
