import { type Api, ROOT } from './apis.js';
import { bundleText } from './bundle.js';
import { locateUpstream, type UpstreamSpec, upstreamSubsetText } from './upstream.js';

export interface SpecSourceOptions {
  root?: string;
  /** Take a packaged API's spec from this file instead of the installed package. */
  upstreamPath?: string;
}

/**
 * What `openapi/<api>.json` must contain given its inputs: the bundle of the section files for
 * TransactionLink, the subset of the installed vendor package's spec for GitBook.
 */
export async function expectedSpecText(api: Api, options: SpecSourceOptions = {}): Promise<string> {
  if (api.kind === 'sectioned') return bundleText(api, options.root ?? ROOT);
  return upstreamSubsetText(api, await upstreamOf(api, options.upstreamPath));
}

export async function upstreamOf(api: Api & { kind: 'packaged' }, path: string | undefined): Promise<UpstreamSpec> {
  return path === undefined ? locateUpstream(api) : { path, origin: `${api.upstreamPackage} (from ${path})` };
}
