/**
 * Helpers for the mutual-aid HTTP tests: multipart bodies, tiny files of each accepted type, and the story's
 * answers. Test-only (imported by *.test.ts files).
 */
import type { TestApp } from '../../../test/app.ts';

export const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  Buffer.alloc(64, 1),
]);
export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  Buffer.alloc(64, 2),
]);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

export const STORY_ANSWERS = {
  whatHappened: 'heatingPipeBurst',
  pipeOwner: 'memberHome',
  cause: 'ageingOrFreezing',
  neighboursDamaged: 'yes',
};
export const STORY_DOCUMENTS: [string, Buffer, string][] = [
  ['damagePhotos', JPEG, '地板泡水.jpg'],
  ['propertyCertificate', PDF, '物业证明.pdf'],
  ['repairInvoices', PDF, '维修发票.pdf'],
  ['neighbourCompensation', PNG, '赔偿楼下及电梯维修收据.png'],
  ['idCard', JPEG, '身份证.jpg'],
  ['aidCard', JPEG, '互助卡.jpg'],
];

export function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer; field?: string }) {
  const boundary = `----uc${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${encodeURIComponent(file.name)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(
  t: TestApp,
  headers: Record<string, string>,
  claimId: string,
  type: string,
  data: Buffer,
  name: string,
) {
  const body = multipart({ type }, { name, data });
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/aid/claims/${claimId}/documents`,
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
}

let serial = 0;

/** A member of `unionCode` with one card, optionally with a sign-in (password Demo@12351). */
export async function makeMember(
  t: TestApp,
  opts: {
    union: string;
    card: { validFrom: string; validTo?: string } | null;
    phone?: string;
    login?: boolean;
    joinedOn?: string;
  },
) {
  const { saveMember } = await import('../unions/member.service.ts');
  const { idNumberFor, prng, bankCardNumber } = await import('../../seed/people.ts');
  const { hashPassword } = await import('../../platform/password.ts');
  const { uuidv7 } = await import('uuidv7');
  const union = await t.db
    .selectFrom('unions')
    .select(['id', 'path'])
    .where('code', '=', opts.union)
    .executeTakeFirstOrThrow();
  serial++;
  const r = prng((Date.now() % 100000) + serial * 7919);
  const phone =
    opts.phone ??
    `139${String(Date.now() % 100000000)
      .padStart(8, '0')
      .slice(0, 6)}${String(serial).padStart(2, '0')}`;
  const saved = await saveMember(
    t.db,
    t.cipher,
    {
      union,
      name: `测试会员${serial}`,
      phone,
      idNumber: idNumberFor(r, '110114', { year: 1985, month: (serial % 12) + 1, day: (serial % 27) + 1 }),
      joinedOn: opts.joinedOn ?? '2010-01-01',
      card: opts.card
        ? {
            cardNo: `HZT${String(Date.now()).slice(-6)}${String(serial).padStart(3, '0')}`,
            validFrom: opts.card.validFrom,
            validTo: opts.card.validTo ?? '2027-12-31',
            bankAccount: bankCardNumber(r),
            bankName: '北京银行',
          }
        : null,
    },
    null,
  );
  if (opts.login) {
    await t.db
      .insertInto('accounts')
      .values({
        id: uuidv7(),
        phone,
        displayName: `测试会员${serial}`,
        passwordHash: await hashPassword('Demo@12351'),
        role: 'member',
        unionId: null,
        memberId: saved.memberId,
        totpSecretEnc: null,
        lockedUntil: null,
        disabledAt: null,
      })
      .execute();
  }
  return { id: saved.memberId, phone };
}
