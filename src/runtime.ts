import path from 'node:path';
import type { Config } from './config.ts';
import { canTakeAppRole, openAppPool } from './db/app-role.ts';
import { createDb, type DbHandle } from './db/index.ts';
import { migrate } from './db/migrator.ts';
import { createFieldCipher, type FieldCipher, loadOrCreateMasterKey } from './platform/crypto.ts';
import { failInterruptedJobs } from './platform/jobs.ts';

export interface Runtime {
  handle: DbHandle;
  cipher: FieldCipher;
}

/**
 * Opens what both the server and the CLI stand on: the database (migrated) and the field cipher whose key comes
 * from UNIONCARE_DATA_KEY or, for the embedded default, a key file generated once under DATA_DIR.
 */
export async function openRuntime(config: Config, log: (line: string) => void): Promise<Runtime> {
  const cipher = createFieldCipher(
    loadOrCreateMasterKey({ envValue: config.dataKey, file: path.join(config.dataDir, 'secret.key') }),
  );
  const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
  try {
    await migrate(handle.pool, log);
    await failInterruptedJobs(handle.db);
    return { handle: await asServiceRole(handle, log), cipher };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/**
 * Migrations ran as the owner; the service itself works through a pool that takes the least-privilege role, so even
 * a bug cannot alter the schema or rewrite the audit log. Where the role cannot be taken, it says so and goes on.
 */
async function asServiceRole(owner: DbHandle, log: (line: string) => void): Promise<DbHandle> {
  if (!(await canTakeAppRole(owner.pool))) {
    log('database role unioncare_app is not available: the service runs as the database owner');
    return owner;
  }
  const app = openAppPool(owner.connection);
  return {
    ...owner,
    db: app.db,
    pool: app.pool,
    async close() {
      await app.db.destroy();
      await owner.close();
    },
  };
}
