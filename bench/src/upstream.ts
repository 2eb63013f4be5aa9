import { type FakeServer, startFakeOpenAI } from '@modelmux/testkit';
import { replyText, type ServerName, type ToUpstream, type UpstreamMessage } from './protocol.js';

// The fake upstream, in its own process (forked by main.ts) so that its CPU never shares the
// event loop with the client under test. Three fake OpenAI servers: `primary` and `secondary`
// (healthy, same fixed reply) and `flaky`, a primary whose fault rule the parent sets per run.

const reply = { text: replyText, chunks: 8, usage: { inputTokens: 12, outputTokens: 20 } };
const servers: Record<ServerName, FakeServer> = {
  primary: await startFakeOpenAI({ defaultReply: reply }),
  secondary: await startFakeOpenAI({ defaultReply: reply }),
  flaky: await startFakeOpenAI({ defaultReply: reply }),
};

function send(message: UpstreamMessage): void {
  process.send?.(message);
}

process.on('message', (message: ToUpstream) => {
  if (message.type === 'faults') {
    const flaky = servers.flaky;
    flaky.clearFaults();
    if (message.rate > 0) {
      flaky.addFault({ rate: message.rate, seed: message.seed, reply: { status: 503 } });
    }
    send({ type: 'ack', id: message.id });
  } else if (message.type === 'counts') {
    const counts = {} as Record<ServerName, { requests: number; failed: number }>;
    for (const [name, server] of Object.entries(servers) as [ServerName, FakeServer][]) {
      const failed = server.requests.filter((entry) => (entry.status ?? 200) >= 400).length;
      counts[name] = { requests: server.requests.length, failed };
      // The log would grow for the whole run otherwise; every phase reads and clears it.
      if (message.clear) server.requests.length = 0;
    }
    send({ type: 'counts', id: message.id, counts, cpu: process.cpuUsage() });
  }
});

// The parent went away (normal end, crash or Ctrl-C): never outlive it.
process.on('disconnect', () => {
  void Promise.all(Object.values(servers).map((server) => server.close())).finally(() =>
    process.exit(0),
  );
});

send({
  type: 'ready',
  servers: {
    primary: { baseURL: servers.primary.baseURL, apiKey: servers.primary.apiKey },
    secondary: { baseURL: servers.secondary.baseURL, apiKey: servers.secondary.apiKey },
    flaky: { baseURL: servers.flaky.baseURL, apiKey: servers.flaky.apiKey },
  },
});
