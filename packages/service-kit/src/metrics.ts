import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export { Counter, Gauge, Registry } from 'prom-client';

export interface MetricsOptions {
  /** Prefix for the default process metrics and the request histogram, e.g. `hub_union_`. */
  prefix?: string;
  /** Node process metrics (CPU, memory, event loop lag). Default true. */
  defaultMetrics?: boolean;
}

/**
 * A registry of the service's own, never prom-client's global one, so several services (or
 * tests) in one process never clash over metric names. The service adds its own metrics to it.
 */
export function createMetricsRegistry(options: MetricsOptions = {}): Registry {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: options.prefix ?? '' });
  return registry;
}

export type RequestObserver = (method: string, route: string, status: number, seconds: number) => void;

export function httpRequestHistogram(registry: Registry, prefix = ''): RequestObserver {
  const histogram = new Histogram({
    name: `${prefix}http_request_duration_seconds`,
    help: 'HTTP requests by method, route pattern and status, with their duration in seconds',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (method, route, status, seconds) => histogram.observe({ method, route, status: String(status) }, seconds);
}
