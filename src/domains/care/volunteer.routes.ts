import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { Problem } from '../../platform/errors.ts';
import { pickLang } from '../../platform/i18n.ts';
import { createPdf } from '../../platform/pdf.ts';
import { can } from './care.policy.ts';
import {
  conflict,
  requireCareMember,
  requireCareStaff,
  requireMember,
  scopePath,
  unionForActor,
} from './care-access.ts';
import { isRealDate } from './care-rules.ts';
import { sheetXlsx, XLSX_TYPE } from './care-xlsx.ts';
import { Created, errorResponses, IdParams } from './stock.schemas.ts';
import { hoursByMember, memberShifts, shifts, shiftView } from './volunteer.repository.ts';
import {
  CertificateQuery,
  CheckBody,
  HoursList,
  MyHours,
  ShiftBody,
  ShiftList,
  ShiftQuery,
  SignupList,
  YearQuery,
} from './volunteer.schemas.ts';
import {
  CHECKIN_EARLY_MINUTES,
  CHECKOUT_LATE_MINUTES,
  checkinIssue,
  checkoutIssue,
  countsAsServed,
  hoursOf,
  MIN_SERVICE_MINUTES,
  shanghaiInstant,
  shiftMinutes,
} from './volunteer-hours.ts';

const tags = ['care volunteering'];

async function loadShift(request: FastifyRequest, id: string, action: 'read' | 'manage') {
  const actor = requireCareStaff(request, 'read');
  const shift = await shifts(request.server.deps.db).where('s.id', '=', id).executeTakeFirst();
  if (!shift || !can(actor, 'read', { unionPath: shift.unionPath })) throw Problem.notFound();
  if (!can(actor, action, { unionPath: shift.unionPath })) throw Problem.forbidden();
  return { actor, shift };
}

/** Volunteer shifts: staff plan them and check volunteers in and out; members sign up; hours and certificates. */
export const volunteerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  app.post(
    '/care/volunteer-shifts',
    {
      schema: {
        tags,
        summary: 'Open a volunteer shift',
        body: ShiftBody,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { actor, union } = await unionForActor(request, body.unionId, 'manage', 'body.unionId');
      const issues = [];
      if (!isRealDate(body.date))
        issues.push({ field: 'body.date', message: { 'zh-CN': '日期不存在', en: 'no such date' } });
      if (body.endTime <= body.startTime)
        issues.push({
          field: 'body.endTime',
          message: { 'zh-CN': '结束时间须晚于开始时间', en: 'must be after the start time' },
        });
      if (issues.length) throw Problem.validation(issues);
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('careVolunteerShifts')
          .values({
            id,
            unionId: union.id,
            unionPath: union.path,
            title: body.title.trim(),
            community: body.community.trim(),
            day: body.date,
            startTime: body.startTime,
            endTime: body.endTime,
            task: body.task.trim(),
            capacity: body.capacity,
            createdBy: actor.accountId,
          })
          .execute();
        await recordAudit(trx, {
          actor,
          action: 'care.shift.create',
          entity: 'care_volunteer_shift',
          entityId: id,
          unionId: union.id,
          detail: { title: body.title, date: body.date },
          requestId: request.id,
          ip: request.ip,
        });
      });
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/care/volunteer-shifts',
    {
      schema: {
        tags,
        summary: 'Shifts in the actor’s subtree',
        querystring: ShiftQuery,
        response: { 200: ShiftList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request, 'read');
      let q = shifts(db).where('s.unionPath', 'like', `${scopePath(actor)}%`);
      if (request.query.from) q = q.where('s.day', '>=', request.query.from);
      if (request.query.to) q = q.where('s.day', '<=', request.query.to);
      if (request.query.unionId) q = q.where('s.unionId', '=', request.query.unionId);
      return { items: (await q.orderBy('s.day').orderBy('s.startTime').limit(500).execute()).map(shiftView) };
    },
  );

  app.get(
    '/care/volunteer-shifts/:id/signups',
    {
      schema: {
        tags,
        summary: 'Who signed up, and their check-in/out',
        params: IdParams,
        response: { 200: SignupList, ...errorResponses },
      },
    },
    async (request) => {
      const { shift } = await loadShift(request, request.params.id, 'read');
      const rows = await db
        .selectFrom('careVolunteerSignups as g')
        .innerJoin('members as m', 'm.id', 'g.memberId')
        .select(['g.memberId', 'm.name as memberName', 'g.signedUpAt', 'g.checkedInAt', 'g.checkedOutAt', 'g.minutes'])
        .where('g.shiftId', '=', shift.id)
        .orderBy('g.signedUpAt')
        .execute();
      const iso = (d: Date | null) => d?.toISOString() ?? null;
      return {
        items: rows.map((r) => ({
          ...r,
          signedUpAt: r.signedUpAt.toISOString(),
          checkedInAt: iso(r.checkedInAt),
          checkedOutAt: iso(r.checkedOutAt),
        })),
      };
    },
  );

  for (const step of ['checkin', 'checkout'] as const) {
    app.post(
      `/care/volunteer-shifts/:id/${step}`,
      {
        schema: {
          tags,
          summary:
            step === 'checkin'
              ? `Check a volunteer in, now or at a past \`at\`: from ${CHECKIN_EARLY_MINUTES} min before the start to the end (else 400 on body.at)`
              : `Check a volunteer out (adds the minutes): from the start to ${CHECKOUT_LATE_MINUTES} min after the end, ≥ ${MIN_SERVICE_MINUTES} min after the check-in (else 400 on body.at)`,
          params: IdParams,
          body: CheckBody,
          response: { 200: Type.Object({ minutes: Type.Union([Type.Integer(), Type.Null()]) }), ...errorResponses },
        },
      },
      async (request) => {
        const { actor, shift } = await loadShift(request, request.params.id, 'manage');
        const at = request.body.at ? new Date(request.body.at) : clock.now();
        const signup = await db
          .selectFrom('careVolunteerSignups')
          .selectAll()
          .where('shiftId', '=', shift.id)
          .where('memberId', '=', request.body.memberId)
          .executeTakeFirst();
        if (!signup)
          throw Problem.validation([
            {
              field: 'body.memberId',
              message: { 'zh-CN': '该会员未报名本班次', en: 'has not signed up for this shift' },
            },
          ]);
        return db.transaction().execute(async (trx) => {
          let minutes: number | null = null;
          if (step === 'checkin') {
            if (signup.checkedInAt) throw conflict('body.memberId', '已签到', 'already checked in');
            const issue = checkinIssue(shift, at, clock.now());
            if (issue) throw Problem.validation([{ field: 'body.at', message: issue }]);
            const done = await trx
              .updateTable('careVolunteerSignups')
              .set({ checkedInAt: at, checkedInBy: actor.accountId })
              .where('shiftId', '=', shift.id)
              .where('memberId', '=', signup.memberId)
              .where('checkedInAt', 'is', null)
              .returning('memberId')
              .executeTakeFirst();
            if (!done) throw conflict('body.memberId', '已签到', 'already checked in');
          } else {
            if (!signup.checkedInAt) throw conflict('body.memberId', '尚未签到', 'not checked in yet');
            if (signup.checkedOutAt) throw conflict('body.memberId', '已签退', 'already checked out');
            const issue = checkoutIssue(shift, signup.checkedInAt, at, clock.now());
            if (issue) throw Problem.validation([{ field: 'body.at', message: issue }]);
            minutes = shiftMinutes(signup.checkedInAt, at);
            const done = await trx
              .updateTable('careVolunteerSignups')
              .set({ checkedOutAt: at, checkedOutBy: actor.accountId, minutes })
              .where('shiftId', '=', shift.id)
              .where('memberId', '=', signup.memberId)
              .where('checkedOutAt', 'is', null)
              .returning('memberId')
              .executeTakeFirst();
            if (!done) throw conflict('body.memberId', '已签退', 'already checked out');
          }
          await recordAudit(trx, {
            actor,
            action: `care.shift.${step}`,
            entity: 'care_volunteer_shift',
            entityId: shift.id,
            unionId: shift.unionId,
            detail: { memberId: signup.memberId, at: at.toISOString(), minutes },
            requestId: request.id,
            ip: request.ip,
          });
          return { minutes };
        });
      },
    );
  }

  app.get(
    '/care/volunteer-hours',
    {
      schema: {
        tags,
        summary: 'Volunteer hours per member in a year',
        querystring: YearQuery,
        response: { 200: HoursList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request, 'read');
      const rows = await hoursByMember(db, scopePath(actor), request.query.year, request.query.unionId);
      return { year: request.query.year, items: rows.map((r) => ({ ...r, hours: hoursOf(r.minutes) })) };
    },
  );

  app.get(
    '/care/volunteer-hours.xlsx',
    {
      schema: {
        tags,
        summary: 'Volunteer hours per member in a year, as XLSX (an audited export)',
        querystring: YearQuery,
      },
    },
    async (request, reply) => {
      const actor = requireCareStaff(request, 'read');
      const { year, unionId } = request.query;
      const rows = await hoursByMember(db, scopePath(actor), year, unionId);
      const en = pickLang(request.headers['accept-language']) === 'en';
      const headers = en
        ? ['Member', 'Union', 'Shifts', 'Minutes', 'Hours']
        : ['会员', '所属工会', '服务次数', '服务分钟', '服务小时'];
      const buf = await sheetXlsx(
        en ? `Volunteer hours ${year}` : `${year}年志愿服务时长`,
        headers,
        rows.map((r) => [r.memberName, r.unionName, r.shifts, r.minutes, hoursOf(r.minutes)]),
      );
      await recordAudit(db, {
        actor,
        action: 'care.volunteer_hours.export',
        entity: 'care_volunteer_hours',
        detail: { year, unionId: unionId ?? null, rows: rows.length },
        requestId: request.id,
        ip: request.ip,
      });
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="volunteer-hours-${year}.xlsx"`)
        .send(buf);
    },
  );

  // ---- the member app ----

  app.get(
    '/me/care/volunteer-shifts',
    {
      schema: {
        tags: ['care', 'me'],
        summary: 'Upcoming shifts I may sign up for (and whether I have)',
        response: { 200: ShiftList, ...errorResponses },
      },
    },
    async (request) => {
      const member = await requireCareMember(request);
      const rows = await shifts(db)
        .select((eb) =>
          sql<boolean>`exists (select 1 from care_volunteer_signups g where g.shift_id = ${eb.ref('s.id')} and g.member_id = ${member.id})`.as(
            'mine',
          ),
        )
        .where(sql<boolean>`${member.unionPath} like s.union_path || '%'`)
        .where('s.day', '>=', shanghaiDay(clock.now()))
        .orderBy('s.day')
        .orderBy('s.startTime')
        .limit(200)
        .execute();
      return { items: rows.map(shiftView) };
    },
  );

  app.post(
    '/me/care/volunteer-shifts/:id/signup',
    {
      schema: {
        tags: ['care', 'me'],
        summary: 'Sign up for a shift (409 when it is full)',
        params: IdParams,
        response: { 201: Type.Object({ shiftId: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const member = await requireCareMember(request);
      const shift = await shifts(db).where('s.id', '=', request.params.id).executeTakeFirst();
      if (!shift || !member.unionPath.startsWith(shift.unionPath)) throw Problem.notFound();
      if (clock.now() >= shanghaiInstant(shift.date, shift.endTime)) {
        throw conflict('params.id', '该班次已结束', 'the shift is over');
      }
      await db.transaction().execute(async (trx) => {
        const added = await trx
          .insertInto('careVolunteerSignups')
          .values({ shiftId: shift.id, memberId: member.id })
          .onConflict((oc) => oc.columns(['shiftId', 'memberId']).doNothing())
          .returning('memberId')
          .executeTakeFirst();
        if (!added) throw conflict('params.id', '已报名该班次', 'already signed up');
        // The row lock makes concurrent sign-ups queue here; each re-checks the count once it holds the lock.
        const seat = await trx
          .updateTable('careVolunteerShifts')
          .set({ signedUp: sql<number>`signed_up + 1` })
          .where('id', '=', shift.id)
          .where(sql<boolean>`signed_up < capacity`)
          .returning('signedUp')
          .executeTakeFirst();
        if (!seat) throw conflict('params.id', '名额已满', 'the shift is full');
      });
      return reply.code(201).send({ shiftId: shift.id });
    },
  );

  app.delete(
    '/me/care/volunteer-shifts/:id/signup',
    {
      schema: {
        tags: ['care', 'me'],
        summary: 'Withdraw from a shift (before check-in)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { memberId } = requireMember(request);
      await db.transaction().execute(async (trx) => {
        const gone = await trx
          .deleteFrom('careVolunteerSignups')
          .where('shiftId', '=', request.params.id)
          .where('memberId', '=', memberId)
          .where('checkedInAt', 'is', null)
          .returning('shiftId')
          .executeTakeFirst();
        if (!gone) throw Problem.notFound();
        await trx
          .updateTable('careVolunteerShifts')
          .set({ signedUp: sql<number>`signed_up - 1` })
          .where('id', '=', gone.shiftId)
          .execute();
      });
      return reply.code(204).send(null);
    },
  );

  async function myHours(memberId: string, year: number) {
    const rows = await memberShifts(db, memberId, year);
    const minutes = rows.reduce((s, r) => s + (countsAsServed(r.minutes) ? r.minutes : 0), 0);
    return { rows, minutes };
  }

  app.get(
    '/me/care/volunteer-hours',
    {
      schema: {
        tags: ['care', 'me'],
        summary: 'My volunteer shifts and hours in a year',
        querystring: CertificateQuery,
        response: { 200: MyHours, ...errorResponses },
      },
    },
    async (request) => {
      const { memberId } = requireMember(request);
      const { rows, minutes } = await myHours(memberId, request.query.year);
      return {
        year: request.query.year,
        minutes,
        hours: hoursOf(minutes),
        shifts: rows.map((r) => ({
          shiftId: r.shiftId,
          title: r.title,
          community: r.community,
          date: r.date,
          task: r.task,
          minutes: r.minutes,
        })),
      };
    },
  );

  app.get(
    '/me/care/volunteer-certificate.pdf',
    {
      schema: {
        tags: ['care', 'me'],
        summary: 'My volunteer certificate for a year (PDF)',
        querystring: CertificateQuery,
      },
    },
    async (request, reply) => {
      const member = await requireCareMember(request);
      const year = request.query.year;
      const { rows, minutes } = await myHours(member.id, year);
      const done = rows.filter((r) => countsAsServed(r.minutes));
      if (!done.length) throw Problem.notFound();
      const hours = hoursOf(minutes);
      const pdf = await createPdf({ title: `${year}年度志愿服务证明` })
        .title('志愿服务证明')
        .paragraph(
          `兹证明 ${member.name} 同志于 ${year} 年参加志愿服务 ${done.length} 次，累计服务时长 ${hours} 小时。`,
          { fontSize: 14, indent: 28 },
        )
        .paragraph('特此证明。', { fontSize: 14, indent: 28 })
        .space()
        .table(
          ['日期', '社区', '服务内容', '时长（小时）'],
          done.map((r) => [r.date, r.community, r.task, hoursOf(r.minutes!)]),
          { widths: [2, 3, 4, 2] },
        )
        .space(2)
        .paragraph(done[done.length - 1]!.unionName, { align: 'right' })
        .paragraph(`开具日期：${shanghaiDay(clock.now())}`, { align: 'right' })
        .toBuffer();
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="volunteer-certificate-${year}.pdf"`)
        .send(pdf);
    },
  );
};
