import { ProxyTracerProvider, type Tracer, type TracerProvider } from '@opentelemetry/api';

/**
 * The tracer to use for a call, or undefined while no OpenTelemetry SDK is registered. The
 * global provider is a proxy until the app registers an SDK (which it can do after the router is
 * made); asking it for its delegate costs next to nothing, where a no-op span per call and per
 * attempt costs microseconds. Once found, a tracer is kept: the global can be set only once.
 */
export function liveTracer(provider: TracerProvider, name: string): () => Tracer | undefined {
  let found: Tracer | undefined;
  if (!(provider instanceof ProxyTracerProvider)) found = provider.getTracer(name);
  return () => {
    if (found) return found;
    found = (provider as ProxyTracerProvider).getDelegateTracer(name);
    return found;
  };
}
