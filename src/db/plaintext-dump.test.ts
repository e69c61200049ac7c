import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { createTestDb } from '../../test/db.ts';
import { importMembers } from '../domains/unions/member-import.service.ts';
import { maskBankAccount, maskIdNumber } from '../platform/mask.ts';
import { bankCardNumber, chineseName, idNumberFor, mobilePhone, prng, randomBirth } from '../seed/people.ts';
import { MIGRATIONS_DIR, MigrationError, migrate } from './migrator.ts';

// Top-level await: helpers register their clean-up with the file's root `after`.
const t: TestApp = await createTestApp();
const [chaoyang, city] = await Promise.all([t.login('13800000003'), t.login('13800000005')]);
const unions = await t.db.selectFrom('unions').select(['id', 'code', 'path', 'kind']).execute();
const kw3 = unions.find((u) => u.code === 'BJ-CY-KW3')!;

const r = prng(5150);
/** ID numbers ending in X, so that a lower-case x in the dump would be a finding too. */
function idEndingInX(): string {
  for (;;) {
    const id = idNumberFor(r, '110105', randomBirth(r, 1950, 1960));
    if (id.endsWith('X')) return id;
  }
}

async function dumpPublicSchema(): Promise<{ text: string; tables: string[] }> {
  const { rows } = await sql<{ tableName: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(t.db);
  const tables = rows.map((x) => x.tableName);
  const parts: string[] = [];
  for (const table of tables) {
    const dumped = await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t`.execute(t.db);
    parts.push(`-- ${table}`, ...dumped.rows.map((x) => x.row));
  }
  return { text: parts.join('\n'), tables };
}

/** The ways a value could sit in a text dump: as typed, lower-case, or as bytea hex / base64 of its bytes. */
function forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, secret.toLowerCase(), bytes.toString('hex'), bytes.toString('base64')];
}

function multipart(content: Buffer, fields: Record<string, string>) {
  const boundary = '----ucDumpTestBoundary';
  const head = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  const payload = Buffer.concat([
    Buffer.from(
      `${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.csv"\r\n` +
        'Content-Type: text/csv\r\n\r\n',
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('a dump of the database', () => {
  const enrolled: { idNumber: string; bankAccount: string }[] = [];
  /** Values that were sent but rejected: they must not be echoed into job reports or the audit log either. */
  const rejected: string[] = [];

  test('holds no plaintext ID or bank card number, only their masks', async () => {
    // 1. Enrolment by hand, ID numbers sent with a lower-case x.
    for (let i = 0; i < 3; i++) {
      const person = { idNumber: idEndingInX(), bankAccount: bankCardNumber(r) };
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/members',
        headers: chaoyang,
        payload: {
          unionId: kw3.id,
          name: chineseName(r),
          phone: mobilePhone(r),
          idNumber: person.idNumber.toLowerCase(),
          card: {
            cardNo: `HZD${String(i).padStart(6, '0')}`,
            validFrom: '2024-01-01',
            validTo: '2027-12-31',
            bankAccount: person.bankAccount,
          },
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      enrolled.push(person);
    }
    // 2. A full reveal of both fields: the audit entry must keep the reason, not the value.
    const first = await t.db
      .selectFrom('members')
      .select('id')
      .where('idNumberMasked', '=', maskIdNumber(enrolled[0]!.idNumber))
      .executeTakeFirstOrThrow();
    for (const field of ['idNumber', 'bankAccount']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/members/${first.id}/reveal`,
        headers: city,
        payload: { field, reason: '核对互助金申报' },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().value, field === 'idNumber' ? enrolled[0]!.idNumber : enrolled[0]!.bankAccount);
    }
    // 3. An import through the service, and one through the console upload whose job report is kept.
    const headers = '姓名,手机号,身份证号,互助卡号,卡生效日期,卡失效日期,银行卡号';
    const csvRow = (p: { idNumber: string; bankAccount: string }, cardNo: string) =>
      [chineseName(r), mobilePhone(r), p.idNumber, cardNo, '2024-01-01', '2027-12-31', p.bankAccount].join(',');
    const viaService = [0, 1].map(() => ({ idNumber: idEndingInX(), bankAccount: bankCardNumber(r) }));
    const report = await importMembers(
      t.db,
      t.cipher,
      iconv.encode([headers, ...viaService.map((p, i) => csvRow(p, `HZS${i}00000`))].join('\r\n'), 'gb18030'),
      {
        fileName: 'members.csv',
        targetUnion: kw3,
        scopePath: null,
        dryRun: false,
        skipInvalid: false,
        actor: null,
        today: '2026-06-30',
      },
    );
    assert.deepEqual([report.inserted, report.errors.length], [2, 0]);
    enrolled.push(...viaService);

    const good = { idNumber: idEndingInX(), bankAccount: bankCardNumber(r) };
    const badId = idEndingInX().slice(0, 17).concat('0'); // wrong check character
    const badBank = `${good.bankAccount.slice(0, -1)}${(Number(good.bankAccount.slice(-1)) + 1) % 10}`; // Luhn fails
    rejected.push(badId, badBank);
    const csv = [
      headers,
      csvRow(good, 'HZU000001'),
      csvRow({ idNumber: badId, bankAccount: bankCardNumber(r) }, 'HZU000002'),
      csvRow({ idNumber: idEndingInX(), bankAccount: badBank }, 'HZU000003'),
    ].join('\r\n');
    const body = multipart(Buffer.from(csv), { unionId: kw3.id, skipInvalid: 'true' });
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/v1/members/imports',
      headers: { ...chaoyang, 'content-type': body.contentType },
      payload: body.payload,
    });
    assert.equal(upload.statusCode, 202, upload.body);
    for (let i = 0; ; i++) {
      const job = await t.db
        .selectFrom('jobs')
        .select(['status', 'result'])
        .where('id', '=', upload.json().id)
        .executeTakeFirstOrThrow();
      if (job.status === 'succeeded') {
        const result = job.result as { inserted: number; errors: { field: string }[] };
        assert.equal(result.inserted, 1);
        assert.deepEqual(
          result.errors.map((e) => e.field),
          ['idNumber', 'bankAccount'],
        );
        break;
      }
      assert.ok(i < 500 && job.status !== 'failed', `import job ${job.status}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    enrolled.push(good);

    // 4. The dump.
    const { text, tables } = await dumpPublicSchema();
    for (const table of ['members', 'aid_cards', 'audit_log', 'jobs', 'member_status_history']) {
      assert.ok(tables.includes(table), table);
    }
    for (const { idNumber, bankAccount } of enrolled) {
      for (const form of [...forms(idNumber), ...forms(bankAccount)]) {
        assert.ok(!text.includes(form), `the dump contains ${form}`);
      }
      assert.ok(text.includes(maskIdNumber(idNumber)), `the mask of ${idNumber} is missing`);
      assert.ok(text.includes(maskBankAccount(bankAccount)), `the mask of ${bankAccount} is missing`);
    }
    for (const value of rejected) {
      for (const form of forms(value)) assert.ok(!text.includes(form), `the dump contains rejected ${form}`);
    }
    const revealAudit = await t.db
      .selectFrom('auditLog')
      .select('reason')
      .where('action', '=', 'member.reveal')
      .execute();
    assert.equal(revealAudit.length, 2);
  });

  test('holds none of the demo members’ ID or bank numbers either (every stored secret, decrypted)', async () => {
    const members = await t.db.selectFrom('members').select('idNumberEnc').execute();
    const cards = await t.db
      .selectFrom('aidCards')
      .select('bankAccountEnc')
      .where('bankAccountEnc', 'is not', null)
      .execute();
    const secrets = [
      ...members.map((m) => t.cipher.decrypt(m.idNumberEnc)),
      ...cards.map((c) => t.cipher.decrypt(c.bankAccountEnc!)),
    ];
    assert.ok(members.length >= 311 && cards.length > 250, `${members.length} members, ${cards.length} cards`);
    for (const s of secrets) assert.match(s, /^(\d{17}[\dX]|\d{12,19})$/);
    const { text } = await dumpPublicSchema();
    const found = secrets.filter((s) => text.includes(s) || text.includes(Buffer.from(s).toString('hex')));
    assert.deepEqual(found, []);
  });
});

describe('the audit log', () => {
  test('refuses UPDATE, DELETE and TRUNCATE, even from the application', async () => {
    const before = await t.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.ok(before.n > 0);
    await assert.rejects(
      sql`update audit_log set reason = 'rewritten'`.execute(t.db),
      /audit_log is append-only \(UPDATE/,
    );
    await assert.rejects(sql`delete from audit_log`.execute(t.db), /audit_log is append-only \(DELETE/);
    await assert.rejects(sql`truncate audit_log`.execute(t.db), /audit_log is append-only \(TRUNCATE/);
    const afterAll = await t.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(afterAll.n, before.n);
    const rewritten = await t.db.selectFrom('auditLog').select('id').where('reason', '=', 'rewritten').execute();
    assert.deepEqual(rewritten, []);
  });
});

describe('the migrator', () => {
  test('applies a new migration, and refuses a migration changed after it was applied', async () => {
    const { pool } = await createTestDb();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-migrations-'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });

    const existing = fs
      .readdirSync(dir)
      .filter((f) => /^\d{4}_/.test(f))
      .sort();
    const next = (n: number) => String(Number(existing.at(-1)!.slice(0, 4)) + n).padStart(4, '0');
    assert.deepEqual(await migrate(pool, undefined, dir), []); // the same files: nothing to do
    fs.writeFileSync(path.join(dir, `${next(1)}_extra.sql`), 'CREATE TABLE uc_extra (id integer);\n');
    assert.deepEqual(await migrate(pool, undefined, dir), [`${next(1)}_extra`]);
    await pool.query('SELECT id FROM uc_extra');

    fs.appendFileSync(path.join(dir, existing[0]!), '\n-- edited afterwards\n');
    fs.writeFileSync(path.join(dir, `${next(2)}_more.sql`), 'CREATE TABLE uc_more (id integer);\n');
    await assert.rejects(
      migrate(pool, undefined, dir),
      (err: Error) =>
        err instanceof MigrationError && err.message === `migration ${existing[0]} was changed after it was applied`,
    );
    const { rows } = await pool.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    assert.deepEqual(
      rows.map((x) => x.version),
      [...existing.map((f) => f.slice(0, 4)), next(1)],
    );
    await assert.rejects(pool.query('SELECT id FROM uc_more'), /does not exist/);
  });
});
