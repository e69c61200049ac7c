import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { systemClock } from './platform/clock.ts';
import { openRuntime } from './runtime.ts';
import { seedDemoIfEmpty } from './seed/demo.ts';

/** Starts UnionCare: database (embedded unless DATABASE_URL), migrations, demo data on first start, HTTP. */
async function main() {
  const config = loadConfig();
  const log = (line: string) => console.log(`[unioncare] ${line}`);
  const runtime = await openRuntime(config, log);
  const { handle, cipher } = runtime;
  if (config.seedDemo && (await seedDemoIfEmpty(handle.db, cipher, log))) {
    log('demo data created: see README for the demo sign-ins (password Demo@12351)');
  }
  const app = await buildApp({
    db: handle.db,
    config,
    clock: systemClock,
    cipher,
    listenConnection: handle.connection,
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close().catch(() => {});
    await handle.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await handle.close();
    throw err;
  }
  log(`UnionCare is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/`);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? `Configuration error: ${err.message}` : err);
  process.exit(1);
});
