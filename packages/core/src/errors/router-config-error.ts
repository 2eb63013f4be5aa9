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
  constructor({ issues }: { issues: readonly ConfigIssue[] }) {
    const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}`);
    super({
      name: 'RouterConfigError',
      code: 'router-config',
      message: `Invalid modelmux router options (${issues.length} ${issues.length === 1 ? 'issue' : 'issues'}):\n${lines.join('\n')}`,
    });
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is RouterConfigError {
    return isRouterErrorWithCode(error, 'router-config');
  }

  override toJSON() {
    return { ...super.toJSON(), issues: this.issues };
  }
}
