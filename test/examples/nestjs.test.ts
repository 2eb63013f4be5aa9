import { describe, expect, it, onTestFinished } from 'vitest';
import { start } from '../../examples/nestjs/src/start.js';
import { exampleContract } from './run-example.js';

describe('examples/nestjs', () => {
  exampleContract(start);

  it("answers /review on the controller's @LlmRoute and /review/lint on the handler's", async () => {
    const app = await start({ port: 0, env: {}, cwd: import.meta.dirname });
    onTestFinished(() => app.close());
    const post = (path: string) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'let x = 1' }),
      }).then((response) => response.json() as Promise<{ target: string }>);

    expect((await post('/review')).target).toBe('haiku'); // smart: haiku, then gpt-mini
    expect((await post('/review/lint')).target).toBe('flash'); // cheap: flash, then gpt-mini
  });
});
