import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/index.ts';
import { seedAidDemo } from '../domains/aid/aid.seed.ts';
import { seedAidHistory } from '../domains/aid/aid-history.seed.ts';
import { seedCareDemo } from '../domains/care/care.seed.ts';
import { seedHotlineDemo } from '../domains/hotline/hotline.seed.ts';
import { seedStations } from '../domains/stations/station.seed.ts';
import { seedStationOperations } from '../domains/stations/station-operations.seed.ts';
import { seedSurveysDemo } from '../domains/surveys/survey.seed.ts';
import { saveMember } from '../domains/unions/member.service.ts';
import type { NewUnion } from '../domains/unions/union.repository.ts';
import { insertUnion } from '../domains/unions/union.repository.ts';
import type { FieldCipher } from '../platform/crypto.ts';
import { hashPassword } from '../platform/password.ts';
import type { Role } from '../platform/roles.ts';
import { bankCardNumber, chineseName, idNumberFor, mobilePhone, prng, randomBirth } from './people.ts';

export const DEMO_PASSWORD = 'Demo@12351';

/** The union tree of the stories: the Beijing federation, its district federations and their workplace unions. */
const TREE: (Omit<NewUnion, 'parentId'> & { parent: string | null; members: number })[] = [
  { code: 'BJ', name: '北京市总工会', kind: 'city', regionCode: '110000', parent: null, members: 0 },
  { code: 'BJ-CY', name: '朝阳区总工会', kind: 'district', regionCode: '110105', parent: 'BJ', members: 0 },
  { code: 'BJ-CP', name: '昌平区总工会', kind: 'district', regionCode: '110114', parent: 'BJ', members: 0 },
  { code: 'BJ-HD', name: '海淀区总工会', kind: 'district', regionCode: '110108', parent: 'BJ', members: 0 },
  {
    code: 'BJ-CP-CKDZ',
    name: '北京昌科电子有限公司工会',
    kind: 'workplace',
    regionCode: '110114',
    parent: 'BJ-CP',
    members: 60,
  },
  {
    code: 'BJ-CP-CJXM',
    name: '城建集团昌平建设项目部工会',
    kind: 'workplace',
    regionCode: '110114',
    parent: 'BJ-CP',
    members: 70,
  },
  {
    code: 'BJ-CY-KW3',
    name: '北京公交客五分公司第三车队工会',
    kind: 'workplace',
    regionCode: '110105',
    parent: 'BJ-CY',
    members: 60,
  },
  {
    code: 'BJ-CY-JMZZ',
    name: '朝阳精密制造有限公司工会',
    kind: 'workplace',
    regionCode: '110105',
    parent: 'BJ-CY',
    members: 50,
  },
  {
    code: 'BJ-HD-SFDX',
    name: '首都示范大学工会',
    kind: 'workplace',
    regionCode: '110108',
    parent: 'BJ-HD',
    members: 40,
  },
  {
    code: 'BJ-HD-SFDX-JG',
    name: '首都示范大学机关职工小家',
    kind: 'home',
    regionCode: '110108',
    parent: 'BJ-HD-SFDX',
    members: 15,
  },
  {
    code: 'BJ-HD-SFDX-TY',
    name: '首都示范大学体育部职工小家',
    kind: 'home',
    regionCode: '110108',
    parent: 'BJ-HD-SFDX',
    members: 15,
  },
];

/** One sign-in per role; the README lists them. */
export const DEMO_ACCOUNTS: { phone: string; name: string; role: Role; union: string | null }[] = [
  { phone: '13800000001', name: '李静', role: 'member', union: 'BJ-CP-CKDZ' },
  { phone: '13800000002', name: '赵明（昌科电子工会）', role: 'workplace_staff', union: 'BJ-CP-CKDZ' },
  { phone: '13800000003', name: '孙丽（朝阳区总工会）', role: 'district_staff', union: 'BJ-CY' },
  { phone: '13800000004', name: '周强（昌平区总工会）', role: 'district_staff', union: 'BJ-CP' },
  { phone: '13800000005', name: '吴芳（北京市总工会）', role: 'city_staff', union: 'BJ' },
  { phone: '13800000006', name: '郑审计', role: 'auditor', union: 'BJ' },
  { phone: '13800000007', name: '系统管理员', role: 'admin', union: null },
  { phone: '13800000008', name: '陈站长（驿站运营）', role: 'station_operator', union: null },
];

/** Seeds the demo on an empty database; returns false (and writes nothing) when unions already exist. */
export async function seedDemoIfEmpty(db: Database, cipher: FieldCipher, log: (line: string) => void = () => {}) {
  const existing = await db.selectFrom('unions').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  await seedDemo(db, cipher, log);
  return true;
}

export async function seedDemo(db: Database, cipher: FieldCipher, log: (line: string) => void = () => {}) {
  const r = prng(12351);
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  await db.transaction().execute(async (trx) => {
    const unions = new Map<string, { id: string; path: string; regionCode: string }>();
    for (const node of TREE) {
      const { parent, members: _n, ...fields } = node;
      const u = await insertUnion(trx, {
        ...fields,
        parentId: parent ? unions.get(parent)!.id : null,
      });
      unions.set(node.code, { id: u.id, path: u.path, regionCode: u.regionCode });
    }

    // 李静 of the burst-pipe story: Changping, active card since 2015, paid to her bank card.
    const ckdz = unions.get('BJ-CP-CKDZ')!;
    const lijing = await saveMember(
      trx,
      cipher,
      {
        union: ckdz,
        name: '李静',
        phone: '13800000001',
        idNumber: idNumberFor(r, '110114', { year: 1990, month: 3, day: 14 }, 'female'),
        joinedOn: '2014-07-01',
        card: {
          cardNo: 'HZ2015000001',
          validFrom: '2015-01-01',
          validTo: '2027-12-31',
          bankAccount: bankCardNumber(r),
          bankName: '中国工商银行北京昌平支行',
        },
      },
      null,
    );

    let n = 1;
    for (const node of TREE) {
      const union = unions.get(node.code)!;
      for (let i = 0; i < node.members; i++) {
        n++;
        const joinedYear = r.int(2005, 2025);
        const roll = r.next();
        await saveMember(
          trx,
          cipher,
          {
            union,
            name: chineseName(r),
            phone: mobilePhone(r),
            idNumber: idNumberFor(
              r,
              r.next() < 0.7
                ? union.regionCode === '110000'
                  ? '110101'
                  : union.regionCode
                : r.pick(['130102', '370102', '410105', '510104', '110108']),
              randomBirth(r),
            ),
            joinedOn: `${joinedYear}-${String(r.int(1, 12)).padStart(2, '0')}-01`,
            card:
              roll < 0.08
                ? null
                : {
                    cardNo: `HZ${joinedYear}${String(n).padStart(6, '0')}`,
                    validFrom: `${joinedYear}-01-01`,
                    validTo: roll < 0.15 ? '2025-12-31' : '2027-12-31',
                    bankAccount: bankCardNumber(r),
                    bankName: r.pick([
                      '中国工商银行北京分行',
                      '中国建设银行北京分行',
                      '北京银行',
                      '中国农业银行北京分行',
                    ]),
                  },
          },
          null,
        );
      }
    }

    await trx
      .insertInto('accounts')
      .values(
        DEMO_ACCOUNTS.map((a, i) => ({
          id: uuidv7(),
          phone: a.phone,
          displayName: a.name,
          passwordHash: hashes[i]!,
          role: a.role,
          unionId: a.union && a.role !== 'member' ? unions.get(a.union)!.id : null,
          memberId: a.role === 'member' ? lijing.memberId : null,
        })),
      )
      .execute();
    log(`seeded ${TREE.length} unions, ${n} members, ${DEMO_ACCOUNTS.length} accounts`);
    await seedStations(trx, unions);
    await seedStationOperations(trx);
  });
  await seedAidDemo(db, cipher, log);
  await seedAidHistory(db, log);
  await seedHotlineDemo(db, log);
  await seedCareDemo(db, log);
  await seedSurveysDemo(db);
}
