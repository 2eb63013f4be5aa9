import type { TrainedScorerFile } from './scorer-file.js';

/**
 * A route that picks another route (or target) for each call instead of listing targets:
 * exactly one of `rules`, `complexity` or `cascade`. Names it refers to are checked at start-up.
 */
export interface SelectionRouteOptions {
  /** First match wins; `default` takes the rest. */
  rules?: RuleOptions[];
  /** Route (or target) for calls no rule matches. Required with `rules`. */
  default?: string;
  /** A scorer rates the prompt; the score's tier names the route. */
  complexity?: ComplexityOptions;
  /** `first` answers; `check` decides whether `escalateTo` answers instead. */
  cascade?: CascadeOptions;
}

export interface RuleOptions {
  /** Every condition set here must hold (an empty `when` always matches). */
  when: RuleCondition;
  /** The route or target id the call goes to. */
  route: string;
  /** Shown in the trace. @default a description of `when` */
  name?: string;
}

/** Facts about one call. Every field set must hold. */
export interface RuleCondition {
  /**
   * Request metadata the adapters pass (user, tier, tags, headers...): each key must equal the
   * value, or one of the values of an array. @default undefined
   */
  metadata?: Record<string, string | string[]>;
  /** The call offers tools. */
  hasTools?: boolean;
  /** An image is in the prompt. */
  hasImages?: boolean;
  /** The call asks for JSON output (`responseFormat: { type: 'json' }`). */
  jsonOutput?: boolean;
  /** The user's text holds code (a fence or code-like lines). */
  hasCode?: boolean;
  /** Estimated input tokens are at least this. */
  minInputTokens?: number;
  /** Estimated input tokens are at most this. */
  maxInputTokens?: number;
  /** A regular expression (source, case-insensitive) found in the user's messages. */
  promptMatches?: string;
  /** `generate` or `stream`. */
  operation?: 'generate' | 'stream';
  /** At least one of these holds (plain conditions: no `any`/`not` inside). */
  any?: Omit<RuleCondition, 'any' | 'not'>[];
  /** This does not hold (a plain condition). */
  not?: Omit<RuleCondition, 'any' | 'not'>;
}

/** What a scorer function receives. */
export interface ScorerInput {
  /** The last user message's text: what is being asked. */
  prompt: string;
  /** Every user message's text, oldest first. */
  userText: string;
  metadata: Readonly<Record<string, string>>;
  signal: AbortSignal | undefined;
}

/** Your own scorer, e.g. one that calls an embedding model. Higher means harder. */
export type ScorerFunction = (input: ScorerInput) => number | Promise<number>;

export interface ComplexityOptions {
  /**
   * `'heuristic'` (built in, no setup, score in [0, 1]), a trained scorer
   * (`{ model: './scorer.json' }` or the file's parsed JSON, score in [-1, 1]) or a function.
   */
  scorer: 'heuristic' | { model: string | TrainedScorerFile } | ScorerFunction;
  /**
   * Ordered tiers: the first whose `below` is above the score takes the call; the last tier
   * has no `below`. With a trained scorer the first tier's `below` defaults to the file's
   * threshold, so `[{ route: 'cheap' }, { route: 'strong' }]` is enough.
   */
  tiers: TierOptions[];
}

export interface TierOptions {
  route: string;
  /** Scores below this take this tier. */
  below?: number;
}

/** What a cascade check sees: the first route's answer and the call. */
export interface CascadeAnswer {
  /** The answer's text (text parts joined). */
  text: string;
  finishReason: string;
  /** The answer's provider metadata (the trace is under `modelmux`). */
  providerMetadata: Record<string, unknown> | undefined;
  /** The last user message's text. */
  prompt: string;
  metadata: Readonly<Record<string, string>>;
}

/** `true` or `{ pass: true }` keeps the first answer; anything else escalates. */
export type CascadeVerdict = boolean | { pass: boolean; reason?: string };

export type CascadeCheck =
  | ((answer: CascadeAnswer) => CascadeVerdict | Promise<CascadeVerdict>)
  /** The answer parses as JSON and matches this JSON Schema. */
  | { jsonSchema: Record<string, unknown> | boolean }
  /** Mean token log-probability is at least this (the provider must return logprobs). */
  | { minLogprob: number }
  /** Worked math: steps recompute, a final answer is given; escalate above this suspicion. */
  | { mathAnswer: true | { maxSuspicion?: number } };

export interface CascadeOptions {
  /** The cheap route (or target) that answers first. */
  first: string;
  /** The route (or target) that answers when the check fails or `first` fails. */
  escalateTo: string;
  check: CascadeCheck;
}
