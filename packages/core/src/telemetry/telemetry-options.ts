import type { TracerProvider } from '@opentelemetry/api';

/** `createRouter({ telemetry })`: OpenTelemetry spans through `@opentelemetry/api`. */
export interface TelemetryOptions {
  /**
   * A span per call and per attempt. Without an OTel SDK registered by the app they are the
   * API's no-ops and nothing is kept. @default true
   */
  tracing?: boolean;
  /**
   * Record the prompt (or the embedding values) as `gen_ai.input.messages` on the call span.
   * Off by default: prompts often hold personal data. @default false
   */
  recordContent?: boolean;
  /** Where spans go. @default the global provider the app's OTel SDK registers */
  tracerProvider?: TracerProvider;
}

export interface ResolvedTelemetry {
  tracing: boolean;
  recordContent: boolean;
  tracerProvider?: TracerProvider | undefined;
}
