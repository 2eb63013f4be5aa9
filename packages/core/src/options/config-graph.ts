import { selectionReferences } from '../selection/selection-references.js';
import type { ConfigPath } from './config-path.js';

export type ModelKind = 'language' | 'embedding';

export interface GraphTarget {
  /** Position in `options.targets`. */
  index: number;
  id: string | undefined;
  hasModel: boolean;
  hasEmbeddingModel: boolean;
  /** Which slot is set, when exactly one is. */
  kind: ModelKind | undefined;
}

export interface GraphMember {
  /** Position in the route's `targets`. */
  index: number;
  id: string;
  /** Set for a selection route's references: where the name is, relative to the route. */
  selectionPath?: ConfigPath;
}

export interface ConfigGraph {
  /** Undefined when `options.targets` is not an array (the schema reports that). */
  targets: GraphTarget[] | undefined;
  /** First target with each id. */
  targetsById: ReadonlyMap<string, GraphTarget>;
  /** Route name -> the members that name something, in order. */
  routes: ReadonlyMap<string, readonly GraphMember[]>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Targets and routes as names and references, read from the raw input and tolerant of every
 * mistake, so the cross-reference checks run (and report) even when the schema also failed.
 */
export function readConfigGraph(input: unknown): ConfigGraph {
  const options = isRecord(input) ? input : {};
  const targetsById = new Map<string, GraphTarget>();
  let targets: GraphTarget[] | undefined;
  if (Array.isArray(options.targets)) {
    targets = options.targets.map((entry: unknown, index) => {
      const target = isRecord(entry) ? entry : {};
      const hasModel = target.model !== undefined;
      const hasEmbeddingModel = target.embeddingModel !== undefined;
      const kind: ModelKind | undefined =
        hasModel === hasEmbeddingModel ? undefined : hasModel ? 'language' : 'embedding';
      const id = typeof target.id === 'string' && target.id !== '' ? target.id : undefined;
      return { index, id, hasModel, hasEmbeddingModel, kind };
    });
    for (const target of targets) {
      if (target.id !== undefined && !targetsById.has(target.id))
        targetsById.set(target.id, target);
    }
  }
  const routes = new Map<string, GraphMember[]>();
  if (isRecord(options.routes)) {
    for (const [name, route] of Object.entries(options.routes)) {
      const members: GraphMember[] = [];
      const entries = isRecord(route) && Array.isArray(route.targets) ? route.targets : [];
      entries.forEach((entry: unknown, index) => {
        const id = typeof entry === 'string' ? entry : isRecord(entry) ? entry.id : undefined;
        if (typeof id === 'string' && id !== '') members.push({ index, id });
      });
      for (const reference of selectionReferences(route)) {
        members.push({ index: members.length, id: reference.id, selectionPath: reference.path });
      }
      routes.set(name, members);
    }
  }
  return { targets, targetsById, routes };
}

/** A member names a nested route when it is a route name and not a target id. */
export function isNestedRoute(graph: ConfigGraph, id: string): boolean {
  return !graph.targetsById.has(id) && graph.routes.has(id);
}
