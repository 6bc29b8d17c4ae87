import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FUNCTIONS, type FunctionDefinition, TABLES } from '@platform/topology';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleOptions, REQUIRE_BANNER } from './bundling.ts';

const DEFINITIONS: readonly FunctionDefinition[] = FUNCTIONS;

/** The environment the stack gives the function, with made-up table names. */
const deployedEnvironment = (definition: FunctionDefinition): Record<string, string> => ({
  AWS_REGION: 'cn-north-1',
  NODE_OPTIONS: '--enable-source-maps',
  ...definition.environment,
  ...Object.fromEntries(definition.tables.map(({ table }) => [TABLES[table].environmentVariable, `dev-${table}`])),
});

describe('bundleOptions', () => {
  it('builds every handler as the CDK does: one ESM file with a source map, which Node loads', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'bundle-'));
    for (const definition of DEFINITIONS) {
      const outfile = join(outdir, definition.id, 'index.mjs');
      const result = await build({ ...bundleOptions(definition.entry, outfile), logLevel: 'silent' });
      expect(result.errors, definition.id).toEqual([]);
      const code = readFileSync(outfile, 'utf8');
      expect(code.startsWith(REQUIRE_BANNER), definition.id).toBe(true);
      // Through its ESM facade `node:http` would load undici at module init (`BUILTIN_SHIMS`).
      expect(code, definition.id).not.toMatch(/from\s*"(node:)?http"/);
      expect(readFileSync(`${outfile}.map`, 'utf8'), definition.id).toContain('"mappings"');

      // Loading runs the module scope: CommonJS dependencies through the banner's `require`, SDK clients, and
      // whatever the handler reads from its environment at load time.
      const load = `const m = await import(${JSON.stringify(pathToFileURL(outfile).href)}); if (typeof m.handler !== 'function') process.exit(2);`;
      const loaded = spawnSync(process.execPath, ['--input-type=module', '-e', load], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, ...deployedEnvironment(definition) },
      });
      expect(loaded.stderr, definition.id).toBe('');
      expect(loaded.status, definition.id).toBe(0);
    }
  });
});
