import type { ConfigIssue } from '../errors/router-config-error.js';
import type { ConfigGraph } from './config-graph.js';
import { formatConfigPath } from './config-path.js';

/** Each target has exactly one model and an id no other target has. */
export function checkTargets(graph: ConfigGraph): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const firstIndex = new Map<string, number>();
  for (const target of graph.targets ?? []) {
    const path = formatConfigPath(['targets', target.index]);
    if (!target.hasModel && !target.hasEmbeddingModel) {
      issues.push({
        path,
        message:
          "set model to a model object, e.g. openai('gpt-4.1-mini'), or embeddingModel to an embedding model",
      });
    } else if (target.hasModel && target.hasEmbeddingModel) {
      issues.push({
        path,
        message: 'set model or embeddingModel, not both; make a second target for the other model',
      });
    }
    if (target.id === undefined) continue;
    const first = firstIndex.get(target.id);
    if (first === undefined) {
      firstIndex.set(target.id, target.index);
    } else {
      issues.push({
        path: formatConfigPath(['targets', target.index, 'id']),
        message: `duplicate target id "${target.id}" (also targets[${first}]); give each target a unique id`,
      });
    }
  }
  return issues;
}
