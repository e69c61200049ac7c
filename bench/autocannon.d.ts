/** The part of autocannon 8's API the station benchmarks use (the package ships no types). */
declare module 'autocannon' {
  interface RequestParams {
    path?: string;
    method?: string;
    [key: string]: unknown;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    requests?: {
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (req: RequestParams) => RequestParams;
    }[];
  }
  interface Result {
    requests: { average: number; total: number };
    latency: { average: number; p50: number; p99: number };
    non2xx: number;
    errors: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
