import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GatewaySetup } from './child-protocol.js';
import { createCaller } from './client.js';
import { type GatewayProcess, startGatewayProcess } from './gateway-process.js';
import type { Row } from './load.js';
import { portkeyHeaders } from './portkey-config.js';

const require = createRequire(import.meta.url);

function versionAt(manifest: string): string {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

/** Portkey's version and the hono versions it runs with (its own, as pnpm installed them). */
export function portkeyVersions(): { portkey: string; hono: string; nodeServer: string } {
  try {
    const manifest = require.resolve('@portkey-ai/gateway/package.json');
    // pnpm links a package's dependencies beside it: <store>/node_modules/{@portkey-ai/gateway,hono,...}
    const modules = join(realpathSync(dirname(manifest)), '..', '..');
    return {
      portkey: versionAt(manifest),
      hono: versionAt(join(modules, 'hono', 'package.json')),
      nodeServer: versionAt(join(modules, '@hono', 'node-server', 'package.json')),
    };
  } catch {
    return { portkey: 'not installed', hono: '?', nodeServer: '?' };
  }
}

export interface Rows {
  rows: Row[];
  /** Why Portkey is not among the rows, if it is not. */
  portkeyAbsent: string | undefined;
}

/**
 * The rows, each with its own client and keep-alive agent: direct to the upstream, then the bare
 * proxy, modelmux's gateway and Portkey's, each in a process of its own. Portkey is optional:
 * if it does not start, or does not answer both a plain and a streamed call correctly, the
 * reason is kept and the other rows run without it.
 */
export async function startRows(setup: GatewaySetup): Promise<Rows> {
  const key = { authorization: `Bearer ${setup.primary.apiKey}` };
  const rows: Row[] = [
    {
      name: 'direct',
      about: 'a raw node:http client straight to the upstream: the baseline',
      call: createCaller({ baseURL: setup.primary.baseURL, model: 'gpt-4.1-mini', headers: key }),
    },
  ];
  const proxy = await startGatewayProcess('proxy', setup);
  rows.push({
    name: 'proxy',
    about: 'a bare node:http pass-through (one hop, no parsing, no fail-over): the floor',
    call: createCaller({ baseURL: proxy.baseURL, model: 'gpt-4.1-mini', headers: key }),
    process: proxy,
  });
  const modelmux = await startGatewayProcess('modelmux', setup);
  rows.push({
    name: 'modelmux',
    about:
      "createGatewayServer over a router, route 'bench' = primary -> secondary; no keys, no logger",
    call: createCaller({ baseURL: modelmux.baseURL, model: 'bench', headers: {} }),
    process: modelmux,
  });

  const versions = portkeyVersions();
  let portkey: GatewayProcess | undefined;
  let portkeyAbsent: string | undefined;
  try {
    portkey = await startGatewayProcess('portkey', setup, { quiet: true });
    rows.push({
      name: 'portkey',
      about: `@portkey-ai/gateway ${versions.portkey} (hono ${versions.hono}, @hono/node-server ${versions.nodeServer}), config: fallback primary -> secondary`,
      call: createCaller({
        baseURL: portkey.baseURL,
        model: 'gpt-4.1-mini',
        headers: portkeyHeaders(setup),
      }),
      process: portkey,
    });
  } catch (error) {
    portkeyAbsent = `@portkey-ai/gateway ${versions.portkey} did not start: ${(error as Error).message}`;
  }

  for (const row of [...rows]) {
    const failed: string[] = [];
    for (const stream of [false, true]) {
      const sample = await row.call(stream);
      if (!sample.ok) failed.push(stream ? 'a streamed call' : 'a plain call');
    }
    if (failed.length === 0) continue;
    if (row.name !== 'portkey') {
      throw new Error(`the ${row.name} row failed ${failed.join(' and ')}: the bench is broken`);
    }
    portkeyAbsent = `@portkey-ai/gateway ${versions.portkey} (hono ${versions.hono}, @hono/node-server ${versions.nodeServer}) started but failed ${failed.join(' and ')}`;
    row.process?.stop();
    rows.splice(rows.indexOf(row), 1);
  }
  return { rows, portkeyAbsent };
}
