import { after } from 'node:test';
import { type App, buildApp } from '../src/app.ts';
import { openAppPool } from '../src/db/app-role.ts';
import type { Database } from '../src/db/index.ts';
import { type Clock, systemClock } from '../src/platform/clock.ts';
import { createFieldCipher, type FieldCipher } from '../src/platform/crypto.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { createTestDb, testKey } from './db.ts';

export interface TestApp {
  app: App;
  db: Database;
  cipher: FieldCipher;
  /** Signs in through the API and returns the bearer header for later requests. */
  login(phone: string, password?: string): Promise<{ authorization: string }>;
}

/** The real app over a fresh database of its own (with the demo data unless `demo: false`). */
export async function createTestApp(
  options: { demo?: boolean; clock?: Clock; dataDir?: string; signInsPerMinute?: number } = {},
): Promise<TestApp> {
  const { db, connection } = await createTestDb({ demo: options.demo ?? true });
  // The app under test works as the service does, through the least-privilege role; `db` (the owner) is for the
  // test's own setup and checks.
  const service = openAppPool(connection, 10);
  const cipher = createFieldCipher(testKey());
  const app = await buildApp({
    db: service.db,
    cipher,
    clock: options.clock ?? systemClock,
    config: {
      dataDir: options.dataDir ?? '/nonexistent',
      logLevel: 'silent',
      trustProxy: false,
      signInsPerMinute: options.signInsPerMinute,
    },
    logger: false,
  });
  await app.ready();
  after(async () => {
    await app.close();
    await service.db.destroy();
  });
  return {
    app,
    db,
    cipher,
    async login(phone, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone, password } });
      if (res.statusCode !== 200) throw new Error(`login ${phone} failed: ${res.statusCode} ${res.body}`);
      return { authorization: `Bearer ${res.json().token}` };
    },
  };
}
