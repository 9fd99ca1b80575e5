/**
 * What a file-system error means, in the words a scheduled export's log should use: `no space
 * left on the device (ENOSPC)` rather than `Unknown: FileSystem.writeFile (…): ENOSPC: no space
 * left on device, write`. Effect's PlatformError keeps Node's error (with its `code`) as `cause`;
 * Deno and Bun give the same codes through their Node compatibility.
 */

const PLAIN: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ENOENT: 'no such file or folder',
  EEXIST: 'it already exists',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'input/output error',
};

/** The `code` of `error` or of its `cause` (Effect's PlatformError keeps Node's error there). */
const codeOf = (error: unknown): string | undefined => {
  for (let current = error, depth = 0; depth < 3 && typeof current === 'object' && current !== null; depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
};

/** Plain words for `error`, with its code, or its own message when the code is not one of the above. */
export const describeFileError = (error: unknown): string => {
  const code = codeOf(error);
  const plain = code === undefined ? undefined : PLAIN[code];
  if (plain !== undefined) return `${plain} (${code})`;
  return error instanceof Error ? error.message : String(error);
};
