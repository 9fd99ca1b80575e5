import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type UserConfig } from '@hey-api/openapi-ts';
import { type Api, ROOT } from './apis.js';
import { PUBLISH_CONFIG, PUBLISHED_FILES, publishMetadata, releaseVersion } from './release.js';

/** What `generate` owns inside a generated package folder. */
export const GENERATED_ENTRIES = ['package.json', 'LICENSE', 'tsconfig.json', 'openapi.json', 'src'] as const;
/** What else lives there, made by builds and installs, left alone and not compared. */
export const NOT_GENERATED = ['dist', 'node_modules', '*.tsbuildinfo'] as const;

type Plugins = NonNullable<UserConfig['plugins']>;

/** The client the rest of rollcall builds on: fetch client, types, SDK class, JSON Schemas. */
const CLIENT_PLUGINS = (api: Api): Plugins => [
  '@hey-api/client-fetch',
  '@hey-api/typescript',
  {
    name: '@hey-api/sdk',
    // One class whose instances carry their own client. The default flat functions take the
    // client as a `client` option and spread it into RequestInit, where Deno 2 reads it as a
    // Deno.HttpClient and throws ("Argument 2 `client` must be a Deno.HttpClient").
    operations: { strategy: 'single', containerName: api.sdkClassName, methods: 'instance' },
  },
  // JSON Schemas of every component, for response decoding and sandbox validation.
  { name: '@hey-api/schemas', type: 'json' },
];

/**
 * The hey-api configuration, in one place. A generator quirk is fixed here or in the layer
 * above, never by editing the output.
 */
function heyApiConfig(api: Api, input: string, output: string, plugins: Plugins): UserConfig {
  return {
    input,
    output: {
      path: output,
      clean: true,
      // Relative imports with explicit `.js`, so the built package loads unbundled on Node, Deno and Bun.
      module: { extension: '.js' },
      // The spec the code was generated from (after the filters) ships beside it.
      source: { enabled: true, fileName: 'openapi', extension: 'json', path: '..' },
    },
    ...(api.operations
      ? { parser: { filters: { operations: { include: [...api.operations] }, orphans: false } } }
      : {}),
    logs: { level: 'silent', file: false },
    interactive: false,
    plugins,
  } as UserConfig;
}

/**
 * Runs hey-api on `input` into `<outputDir>/src`, the filtered spec landing in
 * `<outputDir>/openapi.json`.
 */
async function runHeyApi(api: Api, input: string, outputDir: string, plugins: Plugins): Promise<void> {
  // hey-api's filter code warns through console.warn about `components.headers`, which it does
  // not model but keeps in the output; that warning says nothing about our specs.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!(args.length === 1 && args[0] === 'unsupported type: headers')) warn(...args);
  };
  try {
    await createClient(heyApiConfig(api, input, join(outputDir, 'src'), plugins));
  } catch (error) {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    throw new Error(
      `@hey-api/openapi-ts could not generate ${api.generated} from ${input}: ${reason || 'no reason given'}`,
      {
        cause: error,
      },
    );
  } finally {
    console.warn = warn;
  }
}

/**
 * The spec hey-api keeps of `input` after the API's operation filters, with orphans dropped:
 * how the subset of a vendor's complete spec is taken.
 */
export async function filteredSpec(api: Api, input: string): Promise<Record<string, unknown>> {
  const scratch = await mkdtemp(join(tmpdir(), `rollcall-filter-${api.name}-`));
  try {
    await runHeyApi(api, input, scratch, ['@hey-api/typescript']);
    return JSON.parse(await readFile(join(scratch, 'openapi.json'), 'utf8')) as Record<string, unknown>;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function packageJson(api: Api, root: string): string {
  const manifest = {
    name: api.packageName,
    version: releaseVersion(root),
    description: api.packageDescription,
    keywords: api.packageKeywords,
    ...publishMetadata(api.generated),
    type: 'module',
    sideEffects: false,
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './client': { types: './dist/client/index.d.ts', default: './dist/client/index.js' },
      './schemas': { types: './dist/schemas.gen.d.ts', default: './dist/schemas.gen.js' },
      './openapi.json': './openapi.json',
      './package.json': './package.json',
    },
    files: [...PUBLISHED_FILES, 'openapi.json'],
    publishConfig: PUBLISH_CONFIG,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const TSCONFIG = `${JSON.stringify(
  {
    extends: '../../tsconfig.base.json',
    compilerOptions: { rootDir: 'src', outDir: 'dist' },
    include: ['src'],
  },
  null,
  2,
)}\n`;

/**
 * Generates the package for `api` from its spec (read from `specRoot`) into
 * `<outRoot>/<api.generated>`. Generation happens in a scratch folder first, so a failure
 * leaves the previous output untouched. The version and the LICENSE come from `releaseRoot`.
 */
export async function generatePackage(
  api: Api,
  outRoot = ROOT,
  specRoot = ROOT,
  releaseRoot = specRoot,
): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), `rollcall-generate-${api.name}-`));
  try {
    const input = join(scratch, 'input.json');
    await writeFile(input, await readFile(join(specRoot, api.bundle)));
    const staged = join(scratch, 'package');
    await runHeyApi(api, input, staged, CLIENT_PLUGINS(api));
    await writeFile(join(staged, 'package.json'), packageJson(api, releaseRoot));
    await cp(join(releaseRoot, 'LICENSE'), join(staged, 'LICENSE'));
    await writeFile(join(staged, 'tsconfig.json'), TSCONFIG);

    const target = join(outRoot, api.generated);
    await mkdir(target, { recursive: true });
    for (const entry of GENERATED_ENTRIES) {
      await rm(join(target, entry), { recursive: true, force: true });
      await cp(join(staged, entry), join(target, entry), { recursive: true });
    }
    return target;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
