/**
 * A demo database scaled up for load tests (`unioncare seed --scale city|national`): more workplace unions under the
 * demo districts, members with aid cards, stations, aid claims in every status (paid ones with their payout) and
 * anonymous responses to 朝阳's survey. Written in batches of column arrays (bulk-insert.ts); members are built and
 * encrypted on worker threads while the previous batch is written (member-batches.ts), so the national million
 * takes minutes on two cores.
 */
import { createHash } from 'node:crypto';
import { type Insertable, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, DB } from '../db/index.ts';
import { addressKey } from '../domains/aid/claim.repository.ts';
import { allocateSequences } from '../domains/stations/station.repository.ts';
import { generateStationCode } from '../domains/stations/station-code.ts';
import { generateStationsFile } from '../domains/stations/station-generator.ts';
import { workforceAnswers } from '../domains/surveys/survey.seed.ts';
import { todayInChina } from '../domains/unions/id-number.ts';
import { findUnionByCode } from '../domains/unions/union.repository.ts';
import { childPath } from '../domains/unions/union-tree.ts';
import type { FieldCipher } from '../platform/crypto.ts';
import { insertColumns, insertRows } from './bulk-insert.ts';
import { memberBatches } from './member-batches.ts';
import type { MemberBatch, ScaledUnion } from './member-rows.ts';
import { prng } from './people.ts';

export { scaledIdNumber } from './member-rows.ts';

export interface ScaleSpec {
  stations: number;
  members: number;
  claims: number;
  surveyResponses: number;
}

export const SCALE_PRESETS = {
  demo: { stations: 0, members: 0, claims: 0, surveyResponses: 0 },
  city: { stations: 10_000, members: 50_000, claims: 10_000, surveyResponses: 10_000 },
  national: { stations: 100_000, members: 1_000_000, claims: 200_000, surveyResponses: 100_000 },
} as const satisfies Record<string, ScaleSpec>;
export type ScalePreset = keyof typeof SCALE_PRESETS;

export type ScaleStep = 'unions' | 'members' | 'stations' | 'claims' | 'responses' | 'vacuum';
export type ScaleProgress = (step: ScaleStep, done: number, total: number) => void;

export interface ScaleOptions {
  /** Worker threads that build and encrypt member batches (0: on this thread). They need the master key. */
  workers?: number;
  masterKey?: Uint8Array;
  /** Members per batch (5,000). */
  batchSize?: number;
  /** Member batches written at once, each in its own transaction (2). */
  writers?: number;
  /** A connection as the tables' owner for the closing VACUUM (ANALYZE); the service role may not run it. */
  ownerDb?: Database;
}

export interface ScaleReport {
  unions: number;
  members: number;
  stations: number;
  claims: number;
  surveyResponses: number;
  /** Milliseconds spent in FieldCipher encrypt + hash (ID numbers and bank accounts), on whichever thread. */
  cipherMs: number;
  /** Wall-clock milliseconds per step. */
  phaseMs: Partial<Record<ScaleStep, number>>;
}

/** The database cannot take this scale-up (already scaled, or not the demo); nothing was written. */
export class ScaleRefused extends Error {}

const BATCH = 5_000;
const CLAIM_BATCH = 5_000;
const MEMBERS_PER_UNION = 500;
const DISTRICTS = ['BJ-CY', 'BJ-CP', 'BJ-HD'] as const;
const CLAIM_STATUSES = [
  ['draft', 0.1],
  ['submitted', 0.2],
  ['workplace_checked', 0.15],
  ['approved', 0.12],
  ['rejected', 0.08],
  ['returned', 0.05],
  ['paid', 0.3],
] as const;
function claimStatusAt(roll: number) {
  let acc = 0;
  for (const [status, p] of CLAIM_STATUSES) {
    acc += p;
    if (roll < acc) return status;
  }
  return 'paid';
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();
const pad = (n: number, w: number) => String(n).padStart(w, '0');

export async function generateScale(
  db: Database,
  cipher: FieldCipher,
  spec: ScaleSpec,
  onProgress: ScaleProgress = () => {},
  options: ScaleOptions = {},
): Promise<ScaleReport> {
  const report: ScaleReport = {
    unions: 0,
    members: 0,
    stations: 0,
    claims: 0,
    surveyResponses: 0,
    cipherMs: 0,
    phaseMs: {},
  };
  let phaseStart = performance.now();
  const phaseDone = (step: ScaleStep) => {
    report.phaseMs[step] = performance.now() - phaseStart;
    phaseStart = performance.now();
  };
  if (spec.members === 0 && spec.stations === 0 && spec.claims === 0 && spec.surveyResponses === 0) return report;
  if (await findUnionByCode(db, 'BJ-CY-S0001')) throw new ScaleRefused('this database is already scaled');
  const root = await findUnionByCode(db, 'BJ');
  if (!root) throw new ScaleRefused('scaling builds on the demo data: seed it into an empty database first');
  const r = prng(8_2026);

  // ---- unions: one workplace union per 500 members, round-robin under the demo districts -----------------------
  const unionCount = Math.max(DISTRICTS.length, Math.ceil(spec.members / MEMBERS_PER_UNION));
  const districts = (await Promise.all(DISTRICTS.map((c) => findUnionByCode(db, c)))).map((d) => d!);
  const unions: ScaledUnion[] = [];
  for (let from = 0; from < unionCount; from += BATCH) {
    const n = Math.min(BATCH, unionCount - from);
    const { rows: seqs } = await sql<{ seq: string }>`
      SELECT nextval(pg_get_serial_sequence('unions', 'seq')) AS seq FROM generate_series(1, ${n}::int)`.execute(db);
    const rows = seqs.map(({ seq }, k) => {
      const i = from + k;
      const d = districts[i % districts.length]!;
      return {
        id: uuidv7(),
        seq: Number(seq),
        code: `${d.code}-S${pad(i + 1, 4)}`,
        name: `${d.name.replace('总工会', '')}第${i + 1}联合工会`,
        kind: 'workplace',
        parentId: d.id,
        path: childPath(d.path, Number(seq)),
        depth: d.depth + 1,
        regionCode: d.regionCode,
      };
    });
    await insertRows(db, 'unions', rows);
    unions.push(...rows.map((u) => ({ id: u.id, path: u.path })));
    onProgress('unions', unions.length, unionCount);
  }
  report.unions = unionCount;
  phaseDone('unions');

  // ---- members and their aid cards, built (and encrypted) ahead on worker threads -----------------------------
  const batches = memberBatches({
    total: spec.members,
    batchSize: options.batchSize ?? BATCH,
    unions,
    today: todayInChina(), // once: working it out per member costs more than encrypting the row
    cipher,
    workers: options.workers ?? 0,
    masterKey: options.masterKey,
  });
  // Two writers: each transaction's backend is a process of its own, so PostgreSQL can use both cores.
  const writing: Promise<void>[] = [];
  for await (const batch of batches) {
    report.cipherMs += batch.cipherMs;
    const write = writeMembers(db, batch).then(() => {
      report.members += batch.end - batch.start;
      onProgress('members', report.members, spec.members);
    });
    write.catch(() => {}); // a failure surfaces when this write is awaited, in order
    writing.push(write);
    if (writing.length >= Math.max(1, options.writers ?? 2)) await writing.shift();
  }
  await Promise.all(writing);
  if (spec.members > 0) phaseDone('members');

  // ---- stations over China's prefectures, with codes from the per-region counters ---------------------------
  if (spec.stations > 0) {
    const { stations } = generateStationsFile(spec.stations, { seed: 2026, crs: 'wgs84', encoding: 'utf-8' });
    const perRegion = new Map<string, number>();
    for (const s of stations) perRegion.set(s.regionCode, (perRegion.get(s.regionCode) ?? 0) + 1);
    const nextSeq = new Map<string, number>();
    for (const [region, n] of perRegion) nextSeq.set(region, await allocateSequences(db, region, 'H', n));
    for (let i = 0; i < stations.length; i += BATCH) {
      const chunk = stations.slice(i, i + BATCH);
      const codes = chunk.map((s) => {
        const sequence = nextSeq.get(s.regionCode)!;
        nextSeq.set(s.regionCode, sequence + 1);
        return generateStationCode({ regionCode: s.regionCode, type: 'H', sequence });
      });
      const col = <T>(f: (s: (typeof chunk)[number], k: number) => T) => sql.val(chunk.map((s, k) => f(s, k)));
      await db.transaction().execute(async (trx) => {
        await sql`
          INSERT INTO stations (id, code, station_type, name, address, region_code, union_id, union_path,
                                management_mode, lng, lat, status, external_id, amenities)
          SELECT t.id, t.code, 'H', t.name, t.address, t.region, ${root.id}::uuid, ${root.path}, 'purchased',
                 t.lng, t.lat, 'active', t.ext, '{drinking_water,toilet,phone_charging}'
          FROM unnest(${col(() => uuidv7())}::uuid[], ${col((_, k) => codes[k]!)}::text[],
                      ${col((s) => s.name)}::text[], ${col((s) => `${s.name}旁`)}::text[],
                      ${col((s) => s.regionCode)}::text[], ${col((s) => s.lng)}::float8[], ${col((s) => s.lat)}::float8[],
                      ${col((s) => `SCALE-${s.externalId}`)}::text[]) AS t(id, code, name, address, region, lng, lat, ext)`.execute(
          trx,
        );
        await sql`INSERT INTO station_status_history (station_id, status, reason)
                  SELECT id, 'active', NULL FROM stations WHERE code = ANY(${codes}::text[])`.execute(trx);
      });
      report.stations = i + chunk.length;
      onProgress('stations', report.stations, spec.stations);
    }
    phaseDone('stations');
  }

  // ---- aid claims, one per member from the first scaled members, paid ones with a payout and a ledger entry -----
  if (spec.claims > 0) {
    await seedClaims(db, spec.claims, unions, report, onProgress);
    phaseDone('claims');
  }

  // ---- anonymous link responses to 朝阳's survey ---------------------------------------------------------------
  if (spec.surveyResponses > 0) {
    const cy = districts[0]!;
    const survey = await db
      .selectFrom('surveys')
      .select(['id', 'opensAt', 'closesAt'])
      .where('ownerUnionId', '=', cy.id)
      .orderBy('createdAt')
      .executeTakeFirstOrThrow();
    const cyUnions = unions.filter((u) => u.path.startsWith(cy.path));
    const opens = new Date(survey.opensAt ?? '2026-06-18T16:00:00Z').getTime();
    const span = new Date(survey.closesAt ?? '2026-07-19T16:00:00Z').getTime() - opens;
    for (let i = 0; i < spec.surveyResponses; i += BATCH) {
      const n = Math.min(BATCH, spec.surveyResponses - i);
      const rows = Array.from({ length: n }, (_, k) => {
        const u = cyUnions[(i + k) % cyUnions.length]!;
        const at = new Date(opens + r.next() * span);
        return {
          id: uuidv7(),
          surveyId: survey.id,
          version: 1,
          unionId: u.id,
          unionPath: u.path,
          via: 'link' as const,
          anonymous: true,
          memberId: null,
          submittedOn: new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
          submittedAt: null,
          receiptHash: sha256(`scale:r:${survey.id}:${i + k}`),
          answers: JSON.stringify(workforceAnswers(r)),
        };
      });
      await db.transaction().execute(async (trx) => {
        await insertRows(trx, 'survey_responses', rows);
        await trx
          .updateTable('surveys')
          .set((eb) => ({ responseCount: eb('responseCount', '+', n) }))
          .where('id', '=', survey.id)
          .execute();
      });
      report.surveyResponses = i + n;
      onProgress('responses', report.surveyResponses, spec.surveyResponses);
    }
    phaseDone('responses');
  }

  // ---- fresh statistics and visibility map: a server without autovacuum (or before it wakes) would otherwise plan
  // the queue over 200,000 claims as if it held two rows, and count it through the heap ----------------------------
  const tables = Object.keys(FILLED).filter((t) => FILLED[t]!(spec));
  for (const [k, table] of tables.entries()) {
    onProgress('vacuum', k, tables.length);
    await sql`VACUUM (ANALYZE) ${sql.table(table)}`.execute(options.ownerDb ?? db);
  }
  onProgress('vacuum', tables.length, tables.length);
  phaseDone('vacuum');
  return report;
}

/** The tables the scale-up fills, and when. */
const FILLED: Record<string, (s: ScaleSpec) => boolean> = {
  unions: () => true,
  members: (s) => s.members > 0,
  aid_cards: (s) => s.members > 0,
  member_status_history: (s) => s.members > 0,
  aid_card_status_history: (s) => s.members > 0,
  stations: (s) => s.stations > 0,
  station_status_history: (s) => s.stations > 0,
  aid_incidents: (s) => s.claims > 0,
  aid_claims: (s) => s.claims > 0,
  aid_claim_events: (s) => s.claims > 0,
  aid_payouts: (s) => s.claims > 0,
  aid_ledger: (s) => s.claims > 0,
  survey_responses: (s) => s.surveyResponses > 0,
};

function writeMembers(db: Database, batch: MemberBatch) {
  return db.transaction().execute(async (trx) => {
    // Members before cards, in two statements: the cockpit's statement triggers count a new member's cards.
    await insertColumns(trx, 'members', batch.members);
    await insertColumns(trx, 'aid_cards', batch.cards);
    await sql`INSERT INTO member_status_history (member_id, status, union_id, reason)
              SELECT unnest(${batch.members.id}::uuid[]), 'active', unnest(${batch.members.unionId}::uuid[]), 'joined'`.execute(
      trx,
    );
    await sql`INSERT INTO aid_card_status_history (card_id, status, reason)
              SELECT unnest(${batch.cards.id}::uuid[]), 'active', 'issued'`.execute(trx);
  });
}

async function seedClaims(
  db: Database,
  total: number,
  unions: { id: string }[],
  report: ScaleReport,
  onProgress: ScaleProgress,
) {
  const coverages = await db
    .selectFrom('aidCoverages as c')
    .innerJoin('aidCoverageVersions as v', 'v.coverageId', 'c.id')
    .where('v.effectiveTo', 'is', null)
    .select(['c.id', 'v.id as versionId'])
    .orderBy('c.sortOrder')
    .execute();
  const filer = await db
    .selectFrom('accounts')
    .select(['id', 'role'])
    .where('phone', '=', '13800000002')
    .executeTakeFirstOrThrow();
  if (coverages.length === 0) throw new Error('the demo has no aid coverages');
  const members = await db
    .selectFrom('members as m')
    .innerJoin('aidCards as c', 'c.memberId', 'm.id')
    .select(['m.id', 'm.unionId', 'm.unionPath', 'm.name', 'c.bankAccountEnc', 'c.bankAccountMasked', 'c.bankName'])
    .where(
      'm.unionId',
      'in',
      unions.map((u) => u.id),
    )
    .orderBy('m.id')
    .limit(total)
    .execute();
  if (members.length === 0) throw new Error('claims need scaled members with aid cards');
  const base = Date.UTC(2026, 5, 1);
  for (let start = 0; start < total; start += CLAIM_BATCH) {
    const end = Math.min(total, start + CLAIM_BATCH);
    const incidents: Insertable<DB['aidIncidents']>[] = [];
    const claims: Insertable<DB['aidClaims']>[] = [];
    const paid: { claimId: string; amountFen: number; member: (typeof members)[number]; at: Date }[] = [];
    for (let i = start; i < end; i++) {
      const member = members[i % members.length]!;
      const coverage = coverages[i % coverages.length]!;
      // Members claim again only after a full pass over them, on another day: never a duplicate claim.
      const incidentDate = new Date(base - ((i % 300) + 300 * Math.floor(i / members.length)) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const roll = ((i * 7919) % 1000) / 1000;
      const status = claimStatusAt(roll);
      const address = `北京市第${(i % 90) + 1}街道${(i % 300) + 1}号`;
      const incidentId = uuidv7();
      incidents.push({
        id: incidentId,
        ref: `SJ${incidentDate.replaceAll('-', '')}-S${pad(i + 1, 7)}`,
        coverageId: coverage.id,
        incidentDate,
        address,
        addressKey: addressKey(address),
      });
      const at = new Date(Date.parse(incidentDate) + 3 * 86_400_000);
      const submitted = status !== 'draft' ? at : null;
      const decided = ['approved', 'rejected', 'paid'].includes(status)
        ? new Date(at.getTime() + 5 * 86_400_000)
        : null;
      const amountFen = ['approved', 'paid'].includes(status) ? 50_000 + (i % 40) * 5_000 : null;
      const claimId = uuidv7();
      claims.push({
        id: claimId,
        claimNo: `SB2026-S${pad(i + 1, 7)}`,
        memberId: member.id,
        unionId: member.unionId,
        unionPath: member.unionPath,
        coverageId: coverage.id,
        coverageVersionId: submitted ? coverage.versionId : null,
        incidentId,
        incidentDate,
        incidentAddress: address,
        description: '规模测试数据',
        answers: '{}',
        claimedLossFen: 100_000 + (i % 50) * 10_000,
        claimedDays: null,
        assessedLossFen: amountFen,
        assessedDays: null,
        approvedAmountFen: amountFen,
        status,
        statusChangedAt: decided ?? at,
        filedBy: filer.id,
        filedByRole: filer.role,
        consentAt: null,
        consentVersion: null,
        consentBy: null,
        diagnosisEnc: null,
        decisionReason: status === 'rejected' || status === 'returned' ? '材料不全' : null,
        secondReviewReason: null,
        firstApprovedBy: null,
        firstApprovedAt: null,
        firstSubmittedAt: submitted,
        submittedAt: submitted,
        checkedAt: status !== 'draft' && status !== 'submitted' && status !== 'returned' ? at : null,
        decidedAt: decided,
        paidAt: status === 'paid' ? new Date(at.getTime() + 10 * 86_400_000) : null,
        createdAt: at,
        updatedAt: decided ?? at,
      });
      if (status === 'paid')
        paid.push({ claimId, amountFen: amountFen!, member, at: new Date(at.getTime() + 10 * 86_400_000) });
    }
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, 'aid_incidents', incidents);
      await insertRows(trx, 'aid_claims', claims);
      const ids = claims.map((c) => c.id);
      await sql`INSERT INTO aid_claim_events (claim_id, at, actor_id, actor_role, action, from_status, to_status, detail)
                SELECT id, created_at, filed_by, filed_by_role, 'create', NULL, 'draft', '{}'
                FROM aid_claims WHERE id = ANY(${ids}::uuid[])`.execute(trx);
      if (paid.length === 0) return;
      const batchId = uuidv7();
      const batchNo = `PB20260801-S${pad(start / CLAIM_BATCH + 1, 4)}`;
      await trx
        .insertInto('aidPayoutBatches')
        .values({
          id: batchId,
          batchNo,
          idempotencyKey: null,
          status: 'reconciled',
          claimCount: paid.length,
          totalFen: paid.reduce((s, p) => s + p.amountFen, 0),
          createdBy: filer.id,
          exportedAt: paid[0]!.at,
          reconciledAt: paid[0]!.at,
        })
        .execute();
      const payouts = paid.map((p, k) => ({
        id: uuidv7(),
        reference: `${batchNo}-${pad(k + 1, 4)}`,
        batchId,
        claimId: p.claimId,
        amountFen: p.amountFen,
        status: 'paid' as const,
        failureReason: null,
        payeeName: p.member.name,
        bankAccountEnc: p.member.bankAccountEnc!,
        bankAccountMasked: p.member.bankAccountMasked ?? '',
        bankName: p.member.bankName,
        unionPath: p.member.unionPath,
        createdAt: p.at,
        settledAt: p.at,
        settledOn: p.at.toISOString().slice(0, 10),
      }));
      await insertRows(trx, 'aid_payouts', payouts);
      await insertRows(
        trx,
        'aid_ledger',
        payouts.map((p, k) => ({
          claimId: p.claimId,
          payoutId: p.id,
          entry: 'payout' as const,
          amountFen: p.amountFen,
          at: paid[k]!.at,
        })),
      );
    });
    report.claims = end;
    onProgress('claims', end, total);
  }
}
