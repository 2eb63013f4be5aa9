import type {
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import { redact } from '../errors/redact.js';
import type { ResolvedRoute } from '../options/resolved-options.js';
import type { DecisionTrace } from '../trace/decision-trace.js';
import type { CheckResult } from './cascade-checks.js';
import type { ResolvedSelection } from './resolved-selection.js';
import type { ModelForRoute } from './selecting-language-model.js';
import type { CascadeFirstCall, SelectionStep } from './selection-trace.js';
import { promptTextFacts } from './user-text.js';

interface CascadeCall {
  route: string;
  selection: Extract<ResolvedSelection, { kind: 'cascade' }>;
  steps: readonly SelectionStep[];
  options: LanguageModelV4CallOptions;
  metadata: Readonly<Record<string, string>>;
  routeNamed: (name: string) => ResolvedRoute;
  modelFor: ModelForRoute;
}

type Outcome = CheckResult & { trace?: DecisionTrace | undefined };

/** The first answer passed the check: it is the call's answer, and the step says why. */
function accept(call: CascadeCall, firstStep: SelectionStep, verdict: CheckResult): void {
  firstStep.accepted = true;
  firstStep.reason = `${call.selection.first} answered; ${call.selection.check.name}: ${verdict.reason}`;
}

/** The first route failed: escalate, saying why (the caller's own abort is rethrown instead). */
function firstFailed(call: CascadeCall, error: unknown): Outcome {
  if (call.options.abortSignal?.aborted) throw error;
  const message = redact(error instanceof Error ? error.message : String(error)).split('\n')[0];
  return {
    pass: false,
    reason: `${call.selection.first} failed: ${message}`,
    trace: (error as { trace?: DecisionTrace }).trace,
  };
}

/**
 * Cascade, generate: `first` answers; the check reads the answer (text, finish reason, provider
 * metadata such as logprobs, and the prompt); if it fails, or `first` fails, `escalateTo` answers.
 * The second call's trace carries the first call's attempts and cost under `selection`.
 */
export async function cascadeGenerate(call: CascadeCall): Promise<LanguageModelV4GenerateResult> {
  const { selection, options } = call;
  const firstStep = stepOf(call, 'first');
  let outcome: Outcome;
  try {
    const result = await call
      .modelFor(call.routeNamed(selection.first), [...call.steps, firstStep])
      .doGenerate(options);
    const verdict = await selection.check.run({
      text: textOf(result.content),
      finishReason: result.finishReason.unified,
      providerMetadata: result.providerMetadata,
      prompt: promptTextFacts(options.prompt).lastUser(),
      metadata: call.metadata,
    });
    if (verdict.pass) {
      accept(call, firstStep, verdict);
      return result;
    }
    outcome = { ...verdict, trace: traceOf(result.providerMetadata) };
  } catch (error) {
    outcome = firstFailed(call, error);
  }
  firstStep.accepted = false;
  const escalatedStep = escalationStep(call, outcome);
  const result = await call
    .modelFor(call.routeNamed(selection.escalateTo), [...call.steps, escalatedStep])
    .doGenerate(options);
  const second = traceOf(result.providerMetadata);
  if (escalatedStep.first?.costUsd !== undefined || second?.costUsd !== undefined)
    escalatedStep.totalCostUsd = round(
      (escalatedStep.first?.costUsd ?? 0) + (second?.costUsd ?? 0),
    );
  return result;
}

/**
 * Cascade, stream: the first answer is read to its end (nothing reaches the caller yet), checked,
 * then replayed part by part if it passes; otherwise `escalateTo` streams the answer. A cascade gives
 * up early first tokens for the check: the caller sees the first token only after the whole
 * cheap answer (or the start of the strong one).
 */
export async function cascadeStream(call: CascadeCall): Promise<LanguageModelV4StreamResult> {
  const { selection, options } = call;
  const firstStep = stepOf(call, 'first');
  let outcome: Outcome;
  try {
    const result = await call
      .modelFor(call.routeNamed(selection.first), [...call.steps, firstStep])
      .doStream(options);
    const parts = await readAll(result.stream);
    const finish = parts.findLast((part) => part.type === 'finish');
    const broken = parts.find((part) => part.type === 'error');
    const providerMetadata = finish?.type === 'finish' ? finish.providerMetadata : undefined;
    const verdict = broken
      ? { pass: false, reason: `${selection.first}'s stream broke` }
      : await selection.check.run({
          text: parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join(''),
          finishReason: finish?.type === 'finish' ? finish.finishReason.unified : 'other',
          providerMetadata,
          prompt: promptTextFacts(options.prompt).lastUser(),
          metadata: call.metadata,
        });
    if (verdict.pass) {
      accept(call, firstStep, verdict);
      return { ...result, stream: replay(parts) };
    }
    outcome = { ...verdict, trace: traceOf(providerMetadata) };
  } catch (error) {
    outcome = firstFailed(call, error);
  }
  firstStep.accepted = false;
  const escalatedStep = escalationStep(call, outcome);
  return call
    .modelFor(call.routeNamed(selection.escalateTo), [...call.steps, escalatedStep])
    .doStream(options);
}

function stepOf(call: CascadeCall, stage: 'first'): SelectionStep {
  return {
    route: call.route,
    kind: 'cascade',
    stage,
    chosen: call.selection.first,
    reason: `${call.selection.first} answers first; ${call.selection.check.name} decides`,
  };
}

function escalationStep(
  call: CascadeCall,
  outcome: CheckResult & { trace?: DecisionTrace | undefined },
): SelectionStep {
  const first: CascadeFirstCall = {
    route: call.selection.first,
    outcome: outcome.trace?.outcome ?? 'failed',
    attempts: outcome.trace?.attempts ?? [],
  };
  if (outcome.trace?.callId) first.callId = outcome.trace.callId;
  if (outcome.trace?.target) first.target = outcome.trace.target;
  if (outcome.trace?.costUsd !== undefined) first.costUsd = outcome.trace.costUsd;
  return {
    route: call.route,
    kind: 'cascade',
    stage: 'escalated',
    chosen: call.selection.escalateTo,
    reason: `escalated to ${call.selection.escalateTo}: ${outcome.reason}`,
    first,
  };
}

function textOf(content: readonly LanguageModelV4Content[]): string {
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

function traceOf(metadata: Record<string, unknown> | undefined): DecisionTrace | undefined {
  const trace = metadata?.modelmux as DecisionTrace | undefined;
  return trace && typeof trace === 'object' ? trace : undefined;
}

async function readAll(
  stream: ReadableStream<LanguageModelV4StreamPart>,
): Promise<LanguageModelV4StreamPart[]> {
  const parts: LanguageModelV4StreamPart[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return parts;
    parts.push(value);
  }
}

function replay(
  parts: readonly LanguageModelV4StreamPart[],
): ReadableStream<LanguageModelV4StreamPart> {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      const part = parts[index];
      index += 1;
      if (part === undefined) controller.close();
      else controller.enqueue(part);
    },
  });
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
