import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createRouter, createStatusPage } from '@modelmux/core';
import { startFakeAnthropic, startFakeOpenAI } from '@modelmux/testkit';
import { generateText } from 'ai';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The status page in the system's Debian Chromium (never a downloaded browser), driven by
// playwright-core. The screenshot lands in test-artifacts/ (gitignored).
const executablePath = '/usr/bin/chromium';
const artifacts = join(import.meta.dirname, '..', '..', 'test-artifacts');
const key = 'browser-test-key-0123456789';
// A model name an attacker might choose: the page must show it as text.
const hostileModel = '<img src=x onerror="window.__xss=1">';

describe('status page in headless Chromium', () => {
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the targets and turns a breaker open within 2 s of its provider going down', async () => {
    const primary = await startFakeOpenAI({ defaultReply: { latencyMs: 5 } });
    const secondary = await startFakeAnthropic({ defaultReply: { latencyMs: 5 } });
    const router = createRouter({
      targets: [
        {
          id: 'primary',
          model: createOpenAI({ baseURL: primary.baseURL, apiKey: primary.apiKey }).chat(
            hostileModel,
          ),
          price: { inputUsdPerMillion: 2, outputUsdPerMillion: 8 },
          limits: { rpm: 600 },
        },
        {
          id: 'secondary',
          model: createAnthropic({ baseURL: secondary.baseURL, apiKey: secondary.apiKey })(
            'claude-haiku-4-5',
          ),
          price: { inputUsdPerMillion: 1, outputUsdPerMillion: 5 },
        },
      ],
      routes: { main: { targets: ['primary', 'secondary'] } },
      breaker: { consecutiveFailures: 2, cooldownMs: 30_000 },
    });
    const page = createStatusPage(router, { key, path: '/status' });
    const server = createServer((request, response) => page(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/status?key=${key}`;
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let traffic = true;
    let loop: Promise<void> = Promise.resolve();
    try {
      await generateText({ model: router.model('main'), prompt: 'warm up' });
      await tab.goto(url);
      await tab.locator('#connection[data-state="live"]').waitFor({ timeout: 10_000 });
      const ids = await tab
        .locator('#targets tbody tr')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-target')));
      expect(ids).toEqual(['primary', 'secondary']);
      const healthy = tab.locator('tr[data-target="primary"] [data-field="state"]');
      expect(await healthy.getAttribute('data-state')).toBe('closed');
      expect(
        await tab.locator('tr[data-target="primary"] [data-field="model"]').textContent(),
      ).toBe(`openai / ${hostileModel}`);

      expect(
        await tab.locator('tr[data-target="primary"] [data-field="limits"]').textContent(),
      ).toBe('rpm 599/600 left');

      // The provider goes down while steady traffic runs through the route.
      const downAt = performance.now();
      primary.addFault({ reply: { status: 503 } });
      loop = (async () => {
        while (traffic) await generateText({ model: router.model('main'), prompt: 'hello' });
      })();
      await tab
        .locator('tr[data-target="primary"] [data-field="state"][data-state="open"]')
        .waitFor({ timeout: 2_000 });
      const shownAfterMs = performance.now() - downAt;
      expect(shownAfterMs).toBeLessThan(2_000);
      await tab.locator('#decisions li').first().waitFor();
      expect(await tab.locator('#decisions li').first().textContent()).toContain('secondary');
      expect(await tab.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

      mkdirSync(artifacts, { recursive: true });
      await tab.screenshot({ path: join(artifacts, 'status-page.png'), fullPage: true });
    } finally {
      traffic = false;
      await loop;
      await tab.close();
      page.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await router.close();
      await Promise.all([primary.close(), secondary.close()]);
    }
  }, 60_000);
});
