import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type FakeServer,
  type FakeServerOptions,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOpenAI,
} from '@modelmux/testkit';
import { onTestFinished } from 'vitest';

/** A fresh directory under the OS temp dir holding `files` (name -> text), removed after the test. */
export function tempProject(files: Record<string, string> = {}): string {
  const directory = mkdtempSync(join(tmpdir(), 'modelmux-config-'));
  onTestFinished(() => rmSync(directory, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, name)), { recursive: true });
    writeFileSync(join(directory, name), text);
  }
  return directory;
}

const require = createRequire(import.meta.url);

/** The file URL of an installed package, for config files that live outside the workspace. */
export function packageUrl(name: string): string {
  return pathToFileURL(require.resolve(name)).href;
}

export interface FakeProviders {
  openai: FakeServer;
  anthropic: FakeServer;
  gemini: FakeServer;
  /** Keys and base URLs pointing zero-config at the fakes. */
  env: Record<string, string>;
}

/** Fake OpenAI, Anthropic and Gemini servers (closed after the test) and the env naming them. */
export async function fakeProviders(
  options: {
    openai?: FakeServerOptions;
    anthropic?: FakeServerOptions;
    gemini?: FakeServerOptions;
  } = {},
): Promise<FakeProviders> {
  const [openai, anthropic, gemini] = await Promise.all([
    startFakeOpenAI(options.openai),
    startFakeAnthropic(options.anthropic),
    startFakeGemini(options.gemini),
  ]);
  onTestFinished(() =>
    Promise.all([openai.close(), anthropic.close(), gemini.close()]).then(() => {}),
  );
  return {
    openai,
    anthropic,
    gemini,
    env: {
      OPENAI_API_KEY: openai.apiKey,
      OPENAI_BASE_URL: openai.baseURL,
      ANTHROPIC_API_KEY: anthropic.apiKey,
      ANTHROPIC_BASE_URL: anthropic.baseURL,
      GOOGLE_GENERATIVE_AI_API_KEY: gemini.apiKey,
      GOOGLE_GENERATIVE_AI_BASE_URL: gemini.baseURL,
    },
  };
}
