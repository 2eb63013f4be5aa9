/** The requests the gateway answers. */
export type Endpoint =
  | { name: 'chat-completions'; method: 'POST' }
  | { name: 'embeddings'; method: 'POST' }
  | { name: 'models'; method: 'GET' }
  | { name: 'model'; method: 'GET'; id: string }
  /** Anthropic's Messages API, for Anthropic SDK clients. */
  | { name: 'messages'; method: 'POST' };

const rest = /^\/(chat\/completions|embeddings|models|messages)(?:\/(.+?))?\/?$/;

/**
 * The endpoint a request path names, if the gateway owns it: `/v1/<endpoint>` after any prefix
 * (standalone, or mounted where the framework keeps the path), or a bare `/<endpoint>` (a
 * framework that strips the mount path, as Express does for `app.use('/v1', gateway)`).
 */
export function endpointOf(url: string): Endpoint | undefined {
  const path = pathOf(url);
  const v1 = path.indexOf('/v1/');
  const match = rest.exec(v1 === -1 ? path : path.slice(v1 + '/v1'.length));
  if (!match) return undefined;
  const [, name, id] = match;
  if (name === 'models') {
    return id === undefined
      ? { name: 'models', method: 'GET' }
      : { name: 'model', method: 'GET', id: decoded(id) };
  }
  if (id !== undefined) return undefined;
  if (name === 'embeddings') return { name: 'embeddings', method: 'POST' };
  if (name === 'messages') return { name: 'messages', method: 'POST' };
  return { name: 'chat-completions', method: 'POST' };
}

/** The path of a request URL, without its query string. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
