import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDb } from '../../test/db.ts';
import { APP_ROLE, canTakeAppRole, openAppPool } from './app-role.ts';

const owner = await createTestDb({ demo: true });
const service = openAppPool(owner.connection, 2);
const { db } = service;

describe('the service database role (least privilege)', () => {
  test('the owner may take it, and the service connections run as it', async () => {
    assert.equal(await canTakeAppRole(owner.pool), true);
    const { rows } = await sql<{ role: string }>`select current_user as role`.execute(db);
    assert.equal(rows[0]!.role, APP_ROLE);
  });

  test('it appends to and reads the audit log, but cannot update, delete, truncate or unhook it', async () => {
    await sql`insert into audit_log (action, entity) values ('test.append', 'test')`.execute(db);
    const n = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db);
    assert.ok(n.rows[0]!.n > 0);
    // Refused by privileges, before the append-only trigger is even reached.
    await assert.rejects(sql`update audit_log set reason = 'rewritten'`.execute(db), /permission denied/);
    await assert.rejects(sql`delete from audit_log`.execute(db), /permission denied/);
    await assert.rejects(sql`truncate audit_log`.execute(db), /permission denied/);
    await assert.rejects(sql`alter table audit_log disable trigger all`.execute(db), /must be owner/);
    await assert.rejects(sql`drop table audit_log`.execute(db), /must be owner/);
  });

  test('it cannot change the schema or the migration history', async () => {
    await assert.rejects(sql`create table intruder (id int)`.execute(db), /permission denied/);
    await assert.rejects(sql`alter table members add column x int`.execute(db), /must be owner/);
    await assert.rejects(sql`delete from schema_migrations`.execute(db), /permission denied/);
  });

  test('every table the migrations made (later ones too) is readable and writable by it, except the audit log', async () => {
    const { rows } = await sql<{ table: string; select: boolean; insert: boolean; update: boolean }>`
      select c.relname as table,
             has_table_privilege(${APP_ROLE}, c.oid, 'SELECT') as select,
             has_table_privilege(${APP_ROLE}, c.oid, 'INSERT') as insert,
             has_table_privilege(${APP_ROLE}, c.oid, 'UPDATE') as update
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p')`.execute(owner.db);
    assert.ok(rows.length > 20, `tables: ${rows.length}`);
    for (const r of rows) {
      if (r.table === 'schema_migrations') continue;
      assert.ok(r.select && r.insert, `${r.table} must be readable and insertable by the service`);
      assert.equal(r.update, r.table !== 'audit_log', `${r.table} update privilege`);
    }
  });
});
