// The part of autocannon 9's API the load bench uses (the package ships no types).
declare module 'autocannon' {
  interface Percentiles {
    average: number;
    max: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    p99_9: number;
  }
  interface Options {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    overallRate?: number;
    amount?: number;
    duration?: number;
    timeout?: number;
  }
  interface Result {
    latency: Percentiles;
    requests: Percentiles & { total: number; sent: number };
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
