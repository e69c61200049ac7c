/**
 * Load generation for the HTTP benchmarks: autocannon, either in the benchmark's own process (client and servers
 * share one event loop, so the client's work is counted against every target alike and ratios are softened) or in
 * a child process of its own (the servers' process does only server work, so its CPU time per request can be
 * measured as well). Every target gets the same query strings in the same rotation.
 *
 * As a child (forked with --autocannon-client) it runs one job per message and answers with the result.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface LoadJob {
  url: string;
  path: string;
  queryStrings: string[];
  connections: number;
  seconds: number;
}

export interface LoadResult {
  /** Mean requests per second over the run. */
  rps: number;
  total: number;
  non2xx: number;
  errors: number;
  p99Ms: number;
}

async function run(job: LoadJob): Promise<LoadResult> {
  let k = 0;
  const r = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    requests: [
      { setupRequest: (req) => ({ ...req, path: `${job.path}${job.queryStrings[k++ % job.queryStrings.length]}` }) },
    ],
  });
  return { rps: r.requests.average, total: r.requests.total, non2xx: r.non2xx, errors: r.errors, p99Ms: r.latency.p99 };
}

export interface LoadClient {
  readonly where: 'process' | 'inline';
  run(job: LoadJob): Promise<LoadResult>;
  close(): void;
}

/** `process`: autocannon in a child process (default); `inline`: in this process. */
export function startLoadClient(where: 'process' | 'inline'): LoadClient {
  if (where === 'inline') return { where, run, close: () => {} };
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--autocannon-client'], { stdio: 'inherit' });
  let pending: ((r: LoadResult) => void) | null = null;
  child.on('message', (msg) => {
    pending?.(msg as LoadResult);
    pending = null;
  });
  return {
    where,
    run: (job) =>
      new Promise((resolve) => {
        pending = resolve;
        child.send(job);
      }),
    close: () => child.kill(),
  };
}

if (process.argv.includes('--autocannon-client') && process.send) {
  process.on('message', async (job: LoadJob) => process.send!(await run(job)));
}
