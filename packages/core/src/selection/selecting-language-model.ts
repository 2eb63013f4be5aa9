import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import type { RouterRuntime } from '../attempts/router-runtime.js';
import { callFactsOf } from '../capabilities/call-facts.js';
import { bindingMetadata, type CallBinding, combinedSignal } from '../model/call-binding.js';
import type { ResolvedRoute } from '../options/resolved-options.js';
import { cascadeGenerate, cascadeStream } from './cascade.js';
import { chooseRoute } from './choose-route.js';
import type { ResolvedSelection } from './resolved-selection.js';
import type { SelectionStep } from './selection-trace.js';
import { promptTextFacts } from './user-text.js';

/** Makes the model of a chosen route, its trace starting with these selection steps. */
export type ModelForRoute = (route: ResolvedRoute, steps: SelectionStep[]) => LanguageModelV4;

/**
 * The model of a selection route (rules, complexity, cascade): it decides, per call, which
 * route answers, then hands the call to that route's model. The trace's `selection` lists each
 * decision, outermost first (a rules route may choose a complexity route, and so on).
 */
export function createSelectingLanguageModel({
  runtime,
  route,
  binding,
  steps,
  modelFor,
}: {
  runtime: RouterRuntime;
  route: ResolvedRoute;
  binding: CallBinding | undefined;
  steps: readonly SelectionStep[];
  modelFor: ModelForRoute;
}): LanguageModelV4 {
  const selection = route.selection;
  if (!selection) throw new Error(`route '${route.name}' has no selection`);
  const metadata = bindingMetadata(binding);
  const routeNamed = (name: string): ResolvedRoute => {
    const found = runtime.options.routes.get(name) ?? runtime.options.targetRoutes.get(name);
    // Every name was checked at start-up.
    if (!found) throw new Error(`route '${name}' is not configured`);
    return found;
  };

  async function chosenModel(
    operation: 'generate' | 'stream',
    options: LanguageModelV4CallOptions,
  ): Promise<LanguageModelV4> {
    if (selection?.kind === 'cascade') throw new Error('cascade routes do not choose one route');
    const step = await chooseRoute({
      route: route.name,
      selection: selection as Exclude<typeof selection, { kind: 'cascade' } | undefined>,
      call: callFactsOf({ operation, options, metadata }),
      text: promptTextFacts(options.prompt),
      signal: combinedSignal(options.abortSignal, binding),
    });
    return modelFor(routeNamed(step.chosen), [...steps, step]);
  }

  /** What a cascade call needs besides the call's options. */
  const cascadeOf = (cascade: Extract<ResolvedSelection, { kind: 'cascade' }>) => ({
    route: route.name,
    selection: cascade,
    steps,
    metadata,
    routeNamed,
    modelFor,
  });

  return {
    specificationVersion: 'v4',
    provider: 'modelmux',
    modelId: route.name,
    supportedUrls: {},

    async doGenerate(options): Promise<LanguageModelV4GenerateResult> {
      if (selection.kind === 'cascade')
        return cascadeGenerate({ ...cascadeOf(selection), options });
      return (await chosenModel('generate', options)).doGenerate(options);
    },

    async doStream(options): Promise<LanguageModelV4StreamResult> {
      if (selection.kind === 'cascade') return cascadeStream({ ...cascadeOf(selection), options });
      return (await chosenModel('stream', options)).doStream(options);
    },
  };
}
