import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { fromRepoRoot, REPO_ROOT } from './repo-root.ts';

/**
 * How every function is bundled, stated once. The CDK (`cdkBundling`) and anyone calling esbuild directly, such as a
 * benchmark measuring bundle size or cold start (`bundleOptions`), read the same settings, so they build the same
 * artefact.
 */

/** esbuild target; it must name the Node.js major of the Lambda runtime (`Runtime.NODEJS_24_X`). */
export const NODE_TARGET = 'node24';

/**
 * ESM output has no `require`; CommonJS dependencies bundled into it (and esbuild's `__require` shim for Node
 * built-ins) need one, so the banner defines it from `import.meta.url`.
 */
export const REQUIRE_BANNER =
  "import { createRequire as __platformCreateRequire } from 'node:module'; const require = __platformCreateRequire(import.meta.url);";

/**
 * Functions call AWS through `@platform/aws-json`, not the AWS SDK, so no SDK client is bundled, nor taken from the
 * runtime (the CDK's default would leave `@aws-sdk/*` out for the runtime to provide): nothing is left out.
 */
const EXTERNAL_MODULES: string[] = [];

/**
 * Built-ins that ES modules in a bundle (oidc-provider's `import { STATUS_CODES } from 'node:http'`) would load
 * through Node's ESM facade, which reads every export of the module: `node:http`'s `WebSocket`, `MessageEvent` and
 * `CloseEvent` are getters that load undici, some 30 ms of a cold start for an export nobody uses. Each is aliased
 * to a CommonJS re-export of the built-in (`builtin-shims/`), loaded as `require` loads it: nothing is evaluated
 * before it is used. Subpath imports (`node:http/…`) do not exist for these, so the alias catches every import.
 */
const BUILTIN_SHIMS: Readonly<Record<string, string>> = Object.fromEntries(
  ['http'].flatMap((name) => {
    const shim = fromRepoRoot(`infra/src/builtin-shims/${name}.cjs`);
    return [
      [`node:${name}`, shim],
      [name, shim],
    ];
  }),
);

const settings = {
  target: NODE_TARGET,
  minify: true,
  sourceMap: true,
  /**
   * The map carries positions, not the sources themselves: with `--enable-source-maps` (the stacks set it) Node
   * reads and parses the whole map at module load, and the sources were two thirds of it. Stack traces need only
   * the positions.
   */
  sourcesContent: false,
  /** oidc-provider reads constructor names at runtime; minifying them breaks it. */
  keepNames: true,
  banner: REQUIRE_BANNER,
  externalModules: EXTERNAL_MODULES,
} as const;

/** `NodejsFunction` bundling: local esbuild, never Docker. */
export const cdkBundling: BundlingOptions = {
  ...settings,
  externalModules: [...settings.externalModules],
  format: OutputFormat.ESM,
  forceDockerBundling: false,
  esbuildArgs: { '--alias': Object.entries(BUILTIN_SHIMS).map(([name, shim]) => `${name}=${shim}`) },
};

/**
 * The same build through esbuild's JS API. `entry` is relative to the repository root (as in `FUNCTIONS`) or
 * absolute. The CDK runs esbuild from the repository root and names the output `index.mjs`.
 */
export const bundleOptions = (entry: string, outfile?: string): BuildOptions => ({
  absWorkingDir: REPO_ROOT,
  entryPoints: [fromRepoRoot(entry)],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: settings.target,
  minify: settings.minify,
  sourcemap: settings.sourceMap,
  sourcesContent: settings.sourcesContent,
  keepNames: settings.keepNames,
  banner: { js: settings.banner },
  external: [...settings.externalModules],
  alias: { ...BUILTIN_SHIMS },
  ...(outfile === undefined ? {} : { outfile }),
});
