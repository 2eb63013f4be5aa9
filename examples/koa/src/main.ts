import { start } from './start.js';

const app = await start({ port: Number(process.env.PORT ?? 3000) });
console.log(`modelmux Koa example on ${app.url} (${app.providers} providers). Try:
  curl -s ${app.url}/chat -H 'content-type: application/json' -d '{"prompt":"hello"}' -D -
  curl -sN ${app.url}/chat/stream -H 'content-type: application/json' -d '{"prompt":"tell me a story","route":"smart"}'
  curl -s ${app.url}/chat -H 'content-type: application/json' -d '{"route":"nope"}'
Ctrl-C to stop.`);
process.once('SIGINT', () => void app.close().then(() => process.exit(0)));
