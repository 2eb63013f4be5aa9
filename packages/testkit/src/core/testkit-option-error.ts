/**
 * Thrown when the testkit is used wrongly (an unknown fault, a negative delay, ...).
 * The message names the option by its path so the fix is obvious.
 */
export class TestkitOptionError extends Error {
  readonly path: string;
  constructor({ path, message }: { path: string; message: string }) {
    super(`${path}: ${message}`);
    this.name = 'TestkitOptionError';
    this.path = path;
  }
}
