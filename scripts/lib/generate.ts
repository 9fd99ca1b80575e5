import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type UserConfig } from '@hey-api/openapi-ts';
import { type ApiLayout, ROOT } from './apis.js';

/** What `generate` owns inside a generated package folder. */
export const GENERATED_ENTRIES = ['package.json', 'tsconfig.json', 'openapi.json', 'src'] as const;
/** What else lives there, made by builds and installs, left alone and not compared. */
export const NOT_GENERATED = ['dist', 'node_modules', '*.tsbuildinfo'] as const;

/**
 * The hey-api configuration, in one place. A generator quirk is fixed here or in the layer
 * above, never by editing the output.
 */
export function heyApiConfig(api: ApiLayout, input: string, output: string): UserConfig {
  return {
    input,
    output: {
      path: output,
      clean: true,
      // Relative imports with explicit `.js`, so the built package loads unbundled on Node, Deno and Bun.
      module: { extension: '.js' },
      // The spec the code was generated from ships beside it (the sandbox and tests read it).
      source: { enabled: true, fileName: 'openapi', extension: 'json', path: '..' },
    },
    logs: { level: 'silent', file: false },
    interactive: false,
    plugins: [
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
    ],
  } as UserConfig;
}

function packageJson(api: ApiLayout): string {
  const manifest = {
    name: api.packageName,
    version: '0.1.0',
    private: true,
    description: api.packageDescription,
    type: 'module',
    sideEffects: false,
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './client': { types: './dist/client/index.d.ts', default: './dist/client/index.js' },
      './schemas': { types: './dist/schemas.gen.d.ts', default: './dist/schemas.gen.js' },
      './openapi.json': './openapi.json',
      './package.json': './package.json',
    },
    files: ['dist', 'openapi.json'],
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
 * Generates the package for `api` from its bundled spec (read from `specRoot`) into
 * `<outRoot>/<api.generated>`. Generation happens in a scratch folder first, so a failure
 * leaves the previous output untouched.
 */
export async function generatePackage(api: ApiLayout, outRoot = ROOT, specRoot = ROOT): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), `rollcall-generate-${api.name}-`));
  try {
    const input = join(scratch, 'input.json');
    await writeFile(input, await readFile(join(specRoot, api.bundle)));
    try {
      await createClient(heyApiConfig(api, input, join(scratch, 'package', 'src')));
    } catch (error) {
      const reason = error instanceof Error ? error.message || error.name : String(error);
      throw new Error(
        `@hey-api/openapi-ts could not generate ${api.generated} from ${api.bundle}: ${reason || 'no reason given'}`,
        { cause: error },
      );
    }
    await writeFile(join(scratch, 'package', 'package.json'), packageJson(api));
    await writeFile(join(scratch, 'package', 'tsconfig.json'), TSCONFIG);

    const target = join(outRoot, api.generated);
    await mkdir(target, { recursive: true });
    for (const entry of GENERATED_ENTRIES) {
      await rm(join(target, entry), { recursive: true, force: true });
      await cp(join(scratch, 'package', entry), join(target, entry), { recursive: true });
    }
    return target;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
