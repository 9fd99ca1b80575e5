import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PackagedApi } from './apis.js';
import { filteredSpec } from './generate.js';
import { serializeSpec } from './openapi.js';

export interface UpstreamSpec {
  /** The vendor's complete spec file. */
  path: string;
  /** `<package>@<version> <file>`: which upstream the subset was taken from. */
  origin: string;
}

/** The vendor's spec as installed from the lockfile's pinned package. */
export async function locateUpstream(api: PackagedApi): Promise<UpstreamSpec> {
  const require = createRequire(import.meta.url);
  const path = require.resolve(`${api.upstreamPackage}/${api.upstreamFile}`);
  let directory = dirname(path);
  for (const _ of api.upstreamFile.split('/').slice(1)) directory = dirname(directory);
  const { version } = JSON.parse(await readFile(join(directory, 'package.json'), 'utf8')) as { version: string };
  return { path, origin: `${api.upstreamPackage}@${version} ${api.upstreamFile}` };
}

/**
 * The operations we use out of the vendor's complete spec, with every component they reach,
 * recording where it came from in `info.x-upstream` so that a version bump shows in the diff.
 */
export async function upstreamSubsetText(api: PackagedApi, upstream: UpstreamSpec): Promise<string> {
  const subset = await filteredSpec(api, upstream.path);
  const info = { ...(subset.info as Record<string, unknown>), 'x-upstream': upstream.origin };
  return serializeSpec({ ...subset, info } as Parameters<typeof serializeSpec>[0]);
}
