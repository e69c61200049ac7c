import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/index.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import { addressKey, nextClaimNo } from './claim.repository.ts';
import type { ClaimStatus } from './claim-state.ts';
import { DEMO_SCHEME } from './demo-scheme.ts';
import { addDays } from './plain-date.ts';
import { addVersion, insertCoverage, insertScheme } from './scheme.repository.ts';

interface DemoClaim {
  union: string;
  coverage: string;
  status: ClaimStatus;
  daysAgo: number;
  address: string;
  answers: Record<string, string>;
  lossFen?: number;
  days?: number;
  amountFen?: number;
  reason?: string;
  missing?: string[];
}

const PIPE = {
  whatHappened: 'waterPipeBurst',
  pipeOwner: 'memberHome',
  cause: 'ageingOrFreezing',
  neighboursDamaged: 'no',
};
const ACCIDENT = { workRelated: 'no', cause: 'accident' };

/** A few claims in every state across the demo unions, so each queue and the dashboard have something to show. */
const CLAIMS: DemoClaim[] = [
  {
    union: 'BJ-CP-CKDZ',
    coverage: 'PIPE_BURST',
    status: 'submitted',
    daysAgo: 9,
    address: '昌平区回龙观东大街 3 号院 2 号楼 401',
    answers: PIPE,
    lossFen: 640_000,
  },
  {
    union: 'BJ-CP-CKDZ',
    coverage: 'PIPE_BURST',
    status: 'returned',
    daysAgo: 20,
    address: '昌平区天通苑北一区 6 号楼 1203',
    answers: PIPE,
    lossFen: 300_000,
    reason: '请补充物业公司出具的事故证明',
    missing: ['propertyCertificate'],
  },
  {
    union: 'BJ-CY-KW3',
    coverage: 'FIRE',
    status: 'submitted',
    daysAgo: 12,
    address: '朝阳区八里庄西里 12 号楼 502',
    answers: { cause: 'accident' },
    lossFen: 1_250_000,
  },
  {
    union: 'BJ-CP-CJXM',
    coverage: 'ACCIDENT_HOSPITAL',
    status: 'workplace_checked',
    daysAgo: 30,
    address: '昌平区沙河镇',
    answers: ACCIDENT,
    days: 12,
  },
  {
    union: 'BJ-HD-SFDX',
    coverage: 'PIPE_BURST',
    status: 'approved',
    daysAgo: 45,
    address: '海淀区学院路 37 号院 9 号楼 301',
    answers: PIPE,
    lossFen: 640_000,
    amountFen: 320_000,
  },
  {
    union: 'BJ-CY-JMZZ',
    coverage: 'ACCIDENT_HOSPITAL',
    status: 'rejected',
    daysAgo: 60,
    address: '朝阳区东坝乡',
    answers: ACCIDENT,
    days: 5,
    reason: '经核实为上班途中受伤，已认定工伤，请通过工伤保险申领',
  },
  {
    union: 'BJ-HD-SFDX-JG',
    coverage: 'PIPE_BURST',
    status: 'paid',
    daysAgo: 90,
    address: '海淀区学院路 37 号院 3 号楼 202',
    answers: PIPE,
    lossFen: 1_000_000,
    amountFen: 500_000,
  },
];

const PATH: Record<ClaimStatus, ClaimStatus[]> = {
  draft: ['draft'],
  submitted: ['draft', 'submitted'],
  returned: ['draft', 'submitted', 'returned'],
  workplace_checked: ['draft', 'submitted', 'workplace_checked'],
  approved: ['draft', 'submitted', 'workplace_checked', 'approved'],
  rejected: ['draft', 'submitted', 'workplace_checked', 'rejected'],
  paid: ['draft', 'submitted', 'workplace_checked', 'approved', 'paid'],
};

/** The demo scheme with its versioned coverages, and the demo claims; called once from seedDemo. */
export async function seedAidDemo(db: Database, _cipher: FieldCipher, log: (line: string) => void = () => {}) {
  await db.transaction().execute(async (trx) => {
    const schemeId = await insertScheme(trx, {
      code: DEMO_SCHEME.code,
      name: DEMO_SCHEME.name,
      nameEn: DEMO_SCHEME.nameEn,
      since: DEMO_SCHEME.since,
    });
    const coverageIds = new Map<string, string>();
    for (const [i, c] of DEMO_SCHEME.coverages.entries()) {
      const id = await insertCoverage(trx, { schemeId, code: c.code, name: c.name, nameEn: c.nameEn, sortOrder: i });
      coverageIds.set(c.code, id);
      for (const v of c.versions) {
        await addVersion(trx, {
          coverageId: id,
          effectiveFrom: v.effectiveFrom,
          effectiveTo: v.effectiveTo,
          rule: v.rule,
          createdBy: null,
        });
      }
    }
    const filer = await trx
      .selectFrom('accounts')
      .select(['id', 'role'])
      .where('role', '=', 'admin')
      .executeTakeFirst();
    if (!filer) return;
    const now = new Date();
    const today = shanghaiDay(now);
    const used = new Set<string>();
    let batchId: string | null = null;
    for (const spec of CLAIMS) {
      // A member of the union with a card covering the last few years and a bank account (never 李静: her story is live).
      const member = await trx
        .selectFrom('members as m')
        .innerJoin('unions as u', 'u.id', 'm.unionId')
        .innerJoin('aidCards as c', 'c.memberId', 'm.id')
        .select(['m.id', 'm.name', 'm.unionId', 'm.unionPath', 'c.bankAccountEnc', 'c.bankAccountMasked', 'c.bankName'])
        .where('u.code', '=', spec.union)
        .where('m.phone', '<>', '13800000001')
        .where('c.status', '=', 'active')
        .where('c.validFrom', '<=', '2024-01-01')
        .where('c.validTo', '>=', '2027-12-31')
        .where('c.bankAccountEnc', 'is not', null)
        .where('m.id', 'not in', used.size ? [...used] : ['00000000-0000-0000-0000-000000000000'])
        .orderBy('m.name')
        .executeTakeFirst();
      if (!member) continue;
      used.add(member.id);
      const coverageId = coverageIds.get(spec.coverage)!;
      const incidentDate = addDays(today, -spec.daysAgo);
      const version = await trx
        .selectFrom('aidCoverageVersions')
        .select('id')
        .where('coverageId', '=', coverageId)
        .where('effectiveTo', 'is', null)
        .executeTakeFirstOrThrow();
      const incidentId = uuidv7();
      await trx
        .insertInto('aidIncidents')
        .values({
          id: incidentId,
          ref: `SJ${incidentDate.replaceAll('-', '')}-DEMO${used.size}`,
          coverageId,
          incidentDate,
          address: spec.address,
          addressKey: addressKey(spec.address),
        })
        .execute();
      const claimId = uuidv7();
      const at = (step: number) => new Date(now.getTime() - (spec.daysAgo - 2 - step * 2) * 86_400_000);
      const path = PATH[spec.status];
      const submitted = path.includes('submitted') ? at(1) : null;
      await trx
        .insertInto('aidClaims')
        .values({
          id: claimId,
          claimNo: await nextClaimNo(trx, today.slice(0, 4)),
          memberId: member.id,
          unionId: member.unionId,
          unionPath: member.unionPath,
          coverageId,
          coverageVersionId: submitted ? version.id : null,
          incidentId,
          incidentDate,
          incidentAddress: spec.address,
          description: '演示数据',
          answers: JSON.stringify(spec.answers),
          claimedLossFen: spec.lossFen ?? null,
          claimedDays: spec.days ?? null,
          assessedLossFen: spec.amountFen ? (spec.lossFen ?? null) : null,
          assessedDays: null,
          approvedAmountFen: spec.amountFen ?? null,
          status: spec.status,
          statusChangedAt: at(path.length - 1),
          filedBy: filer.id,
          filedByRole: filer.role,
          consentAt: null,
          consentVersion: null,
          consentBy: null,
          diagnosisEnc: null,
          missingDocuments: JSON.stringify(spec.missing ?? []),
          decisionReason: spec.reason ?? null,
          secondReviewReason: null,
          firstApprovedBy: null,
          firstApprovedAt: null,
          firstSubmittedAt: submitted,
          submittedAt: submitted,
          checkedAt: path.includes('workplace_checked') ? at(2) : null,
          decidedAt: path.length > 3 ? at(3) : null,
          paidAt: spec.status === 'paid' ? at(4) : null,
          createdAt: at(0),
          updatedAt: at(path.length - 1),
        })
        .execute();
      for (let i = 0; i < path.length; i++) {
        const to = path[i]!;
        const action =
          i === 0
            ? 'create'
            : to === 'submitted'
              ? 'submit'
              : to === 'workplace_checked'
                ? 'check'
                : to === 'approved'
                  ? 'approve'
                  : to === 'rejected'
                    ? 'reject'
                    : to === 'returned'
                      ? 'return'
                      : 'pay';
        await trx
          .insertInto('aidClaimEvents')
          .values({
            claimId,
            at: at(i),
            actorId: filer.id,
            actorRole: filer.role,
            action,
            fromStatus: i === 0 ? null : path[i - 1]!,
            toStatus: to,
            reason: to === 'returned' || to === 'rejected' ? (spec.reason ?? null) : null,
            detail: '{}',
          })
          .execute();
      }
      if (spec.status === 'paid') {
        if (!batchId) {
          batchId = uuidv7();
          await trx
            .insertInto('aidPayoutBatches')
            .values({
              id: batchId,
              batchNo: `PB${today.replaceAll('-', '')}-DEMO`,
              idempotencyKey: null,
              status: 'reconciled',
              claimCount: 1,
              totalFen: spec.amountFen!,
              createdBy: filer.id,
              createdAt: at(3),
              exportedAt: at(3),
              reconciledAt: at(4),
            })
            .execute();
        }
        const payoutId = uuidv7();
        await trx
          .insertInto('aidPayouts')
          .values({
            id: payoutId,
            reference: `PB${today.replaceAll('-', '')}-DEMO-0001`,
            batchId,
            claimId,
            amountFen: spec.amountFen!,
            status: 'paid',
            failureReason: null,
            payeeName: member.name,
            bankAccountEnc: member.bankAccountEnc!,
            bankAccountMasked: member.bankAccountMasked ?? '',
            bankName: member.bankName,
            unionPath: member.unionPath,
            createdAt: at(3),
            settledAt: at(4),
            settledOn: shanghaiDay(at(4)),
          })
          .execute();
        await trx
          .insertInto('aidLedger')
          .values({ claimId, payoutId, entry: 'payout', amountFen: spec.amountFen!, at: at(3) })
          .execute();
      }
    }
    log(`seeded the mutual-aid scheme (${DEMO_SCHEME.coverages.length} coverages) and ${used.size} demo claims`);
  });
}
