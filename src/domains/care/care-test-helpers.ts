/** Shared by the care HTTP tests: unions and members of the demo, extra sign-ins, common requests. */
import { uuidv7 } from 'uuidv7';
import type { TestApp } from '../../../test/app.ts';
import { hashPassword } from '../../platform/password.ts';
import type { Role } from '../../platform/roles.ts';

export async function unionId(t: TestApp, code: string): Promise<string> {
  const u = await t.db.selectFrom('unions').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return u.id;
}

export async function membersOf(t: TestApp, code: string, n: number): Promise<{ id: string; name: string }[]> {
  return t.db
    .selectFrom('members as m')
    .innerJoin('unions as u', 'u.id', 'm.unionId')
    .select(['m.id', 'm.name'])
    .where('u.code', '=', code)
    .where('m.status', '=', 'active')
    .orderBy('m.name')
    .limit(n)
    .execute();
}

let next = 0;
/** A new account (staff of a union, or a member's own) and its bearer header. */
export async function signInAs(
  t: TestApp,
  role: Role,
  who: { unionCode?: string; memberId?: string },
): Promise<{ authorization: string }> {
  const phone = `1390000${String(process.pid % 100).padStart(2, '0')}${String(next++).padStart(2, '0')}`;
  await t.db
    .insertInto('accounts')
    .values({
      id: uuidv7(),
      phone,
      displayName: `测试${role}${next}`,
      passwordHash: await hashPassword('Test@12351'),
      role,
      unionId: who.unionCode ? await unionId(t, who.unionCode) : null,
      memberId: who.memberId ?? null,
    })
    .execute();
  return t.login(phone, 'Test@12351');
}

export async function post(t: TestApp, headers: Record<string, string>, url: string, payload: unknown) {
  return t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });
}
export async function get(t: TestApp, headers: Record<string, string>, url: string) {
  return t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
}

/** A fresh item (or kit) and a receipt of `quantity` of it into a union's stock. */
export async function stockUp(
  t: TestApp,
  headers: Record<string, string>,
  union: string,
  name: string,
  quantity: number,
): Promise<string> {
  const item = await post(t, headers, '/care/items', { name, unit: '个', kind: 'item' });
  if (item.statusCode !== 201) throw new Error(item.body);
  const itemId = item.json().id as string;
  const r = await post(t, headers, '/care/receipts', {
    unionId: union,
    source: 'purchase',
    fundingSource: '工会经费',
    receivedOn: '2025-06-20',
    lines: [{ itemId, quantity }],
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return itemId;
}

/** Σ ledger per (union, item) must equal the balance row, for every balance. */
export async function ledgerMatchesBalances(t: TestApp): Promise<boolean> {
  const rows = await t.db
    .selectFrom('careStock as s')
    .select(['s.quantity'])
    .select((eb) =>
      eb
        .selectFrom('careMovements as m')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('m.quantity'), e.lit(0)).as('sum'))
        .whereRef('m.unionId', '=', 's.unionId')
        .whereRef('m.itemId', '=', 's.itemId')
        .as('ledger'),
    )
    .execute();
  return rows.every((r) => Number(r.ledger) === r.quantity);
}
