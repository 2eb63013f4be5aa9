export interface ModelList {
  object: 'list';
  data: { id: string; object: 'model'; created: number; owned_by: 'modelmux' }[];
}

/** `GET /v1/models`: every route, then every target, as a model a client can name. */
export function toModelList({
  routes,
  targets,
  created,
}: {
  routes: readonly string[];
  targets: readonly string[];
  /** Unix seconds (the gateway's start). */
  created: number;
}): ModelList {
  const data: ModelList['data'] = [];
  const seen = new Set<string>();
  for (const id of [...routes, ...targets]) {
    // A target named like a route is reached by the route's name: list the name once.
    if (seen.has(id)) continue;
    seen.add(id);
    data.push({ id, object: 'model', created, owned_by: 'modelmux' });
  }
  return { object: 'list', data };
}
