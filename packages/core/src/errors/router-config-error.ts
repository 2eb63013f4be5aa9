import { isRouterErrorWithCode, RouterError } from './router-error.js';

export interface ConfigIssue {
  /** Where in the options, e.g. `routes.smart.targets[1]`. */
  path: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/** Bad options, found once at start-up. Lists every issue by its path. */
export class RouterConfigError extends RouterError {
  readonly issues: readonly ConfigIssue[];
  /** Where the options came from, when not from code: a config file's path, or `the environment`. */
  readonly source: string | undefined;
  constructor({
    issues,
    source,
    cause,
  }: {
    issues: readonly ConfigIssue[];
    source?: string;
    cause?: unknown;
  }) {
    const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}`);
    const from = source === undefined ? '' : ` from ${source}`;
    super({
      name: 'RouterConfigError',
      code: 'router-config',
      message: `Invalid modelmux router options${from} (${issues.length} ${issues.length === 1 ? 'issue' : 'issues'}):\n${lines.join('\n')}`,
      cause,
    });
    this.issues = issues;
    this.source = source;
  }

  static override isInstance(error: unknown): error is RouterConfigError {
    return isRouterErrorWithCode(error, 'router-config');
  }

  override toJSON() {
    return {
      ...super.toJSON(),
      issues: this.issues,
      ...(this.source ? { source: this.source } : {}),
    };
  }
}
