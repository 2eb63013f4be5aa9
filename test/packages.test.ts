import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The packaging contract every published package keeps (STYLE.md: ESM only, types first,
// a top-level main/types for old resolvers, no side effects, Node >= 22, its own README).
const root = join(import.meta.dirname, '..');
const packages = readdirSync(join(root, 'packages')).filter((name) =>
  existsSync(join(root, 'packages', name, 'package.json')),
);

describe.each(packages)('packages/%s', (name) => {
  const directory = join(root, 'packages', name);
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));

  it('is an ESM @modelmux package for Node >= 22 with types first in its published exports', () => {
    expect(manifest.name).toBe(`@modelmux/${name}`);
    expect(manifest.type).toBe('module');
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.engines.node).toMatch(/^>=22/);
    expect([manifest.main, manifest.types]).toEqual(['./dist/index.js', './dist/index.d.ts']);
    // Our own source condition goes first (only this workspace sets it, so tsc and vitest read
    // the TypeScript source, never a stale dist); for everyone else `types` comes first.
    const conditions = Object.keys(manifest.exports['.']).filter(
      (key) => key !== '@modelmux/source',
    );
    expect(Object.keys(manifest.exports['.'])[0]).toBe('@modelmux/source');
    expect(conditions[0]).toBe('types');
    expect(manifest.exports['.'].default).toBe('./dist/index.js');
  });

  it('has a README that opens with its name and lists its dependencies', () => {
    const readme = readFileSync(join(directory, 'README.md'), 'utf8');
    expect(readme.startsWith(`# @modelmux/${name}`)).toBe(true);
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      if (dependency.startsWith('@modelmux/')) continue;
      expect(readme, `README of ${name} should say why it depends on ${dependency}`).toContain(
        dependency,
      );
    }
  });

  it('has an index with named exports only', () => {
    const index = readFileSync(join(directory, 'src', 'index.ts'), 'utf8');
    expect(index).not.toMatch(/export \*/);
  });
});
