import type { SubscriptionHealth } from '@hub/event-store';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

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

/** `store_subscription_connected` (1 or 0) and `store_subscription_reconnects` per subscription, read when scraped. */
export function subscriptionGauges(registry: Registry, read: () => SubscriptionHealth[]): void {
  new Gauge({
    name: 'store_subscription_connected',
    help: 'Whether the subscription to the event store is reading (1) or finding the store again (0)',
    labelNames: ['subscription'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const s of read()) this.set({ subscription: s.name }, s.state === 'connected' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'store_subscription_reconnects',
    help: 'Times the subscription was opened again after losing the event store, since the process started',
    labelNames: ['subscription'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const s of read()) this.set({ subscription: s.name }, s.reconnects);
    },
  });
}
