import { start } from './start.js';

const app = await start({ port: Number(process.env.PORT ?? 3000), log: true });
console.log(`modelmux NestJS example on ${app.url} (${app.providers} providers). Try:
  curl -s ${app.url}/chat -H 'content-type: application/json' -d '{"prompt":"hello"}' -D -
  curl -sN ${app.url}/chat/stream -H 'content-type: application/json' -d '{"prompt":"tell me a story","route":"smart"}'
  curl -s ${app.url}/review -H 'content-type: application/json' -d '{"code":"let x = 1"}'
  curl -s ${app.url}/review/lint -H 'content-type: application/json' -d '{"code":"let x = 1"}'
  curl -s ${app.url}/chat -H 'content-type: application/json' -d '{"route":"nope"}'
  curl -s ${app.url}/stats
Ctrl-C to stop.`);
process.once('SIGINT', () => void app.close().then(() => process.exit(0)));
