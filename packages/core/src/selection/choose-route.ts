import type { CallFacts } from '../capabilities/call-facts.js';
import { redact } from '../errors/redact.js';
import type { ResolvedSelection } from './resolved-selection.js';
import { matchRules } from './rules.js';
import type { SelectionStep } from './selection-trace.js';
import type { PromptTextFacts } from './user-text.js';

type Choosing = Exclude<ResolvedSelection, { kind: 'cascade' }>;

/** Rules or complexity: the route (or target) this call goes to, and the trace step saying why. */
export async function chooseRoute({
  route,
  selection,
  call,
  text,
  signal,
}: {
  route: string;
  selection: Choosing;
  call: CallFacts;
  text: PromptTextFacts;
  signal: AbortSignal | undefined;
}): Promise<SelectionStep> {
  if (selection.kind === 'rules') {
    const matched = matchRules(selection.rules, { call, text });
    if (!matched)
      return {
        route,
        kind: 'rules',
        chosen: selection.default,
        reason: `no rule matched: default ${selection.default}`,
      };
    return {
      route,
      kind: 'rules',
      chosen: matched.rule.route,
      rule: matched.index + 1,
      reason: `rule ${matched.index + 1} matched: ${matched.rule.label}`,
    };
  }
  const { tiers } = selection;
  const last = tiers.length;
  let score: number;
  try {
    score = await selection.score({
      prompt: text.lastUser(),
      userText: text.allUser(),
      metadata: call.metadata,
      signal,
    });
    if (typeof score !== 'number' || Number.isNaN(score))
      throw new TypeError(
        `the scorer returned ${typeof score === 'number' ? 'NaN' : typeof score}, not a number`,
      );
  } catch (error) {
    // A scorer that fails (an embedding call that timed out) must not fail the call: the
    // hardest tier is the safe choice for quality.
    const tier = tiers[last - 1] as { route: string };
    return {
      route,
      kind: 'complexity',
      chosen: tier.route,
      tier: last,
      reason: `${selection.scorerName} scorer failed (${redact(String(error))}): last tier ${tier.route}`,
    };
  }
  const index = tiers.findIndex((tier) => tier.below !== undefined && score < tier.below);
  const tierIndex = index === -1 ? last - 1 : index;
  const tier = tiers[tierIndex] as { route: string; below?: number | undefined };
  const shown = Math.round(score * 1000) / 1000;
  const previous = tiers[tierIndex - 1]?.below;
  const bound =
    tier.below !== undefined ? `< ${tier.below}` : previous !== undefined ? `>= ${previous}` : '';
  return {
    route,
    kind: 'complexity',
    chosen: tier.route,
    score: shown,
    tier: tierIndex + 1,
    reason:
      `${selection.scorerName} score ${shown} ${bound}: tier ${tierIndex + 1} ${tier.route}`.replace(
        '  ',
        ' ',
      ),
  };
}
