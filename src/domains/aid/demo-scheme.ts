/**
 * The demo's scheme, 《非工伤意外伤害及家财损失综合互助保障计划》 (since 2009-08-01), with the coverages a member of
 * the stories would meet. Plain data: seeded by aid.seed.ts and read by the rule tests.
 */
import type { CoverageRule } from './coverage-rule.ts';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const ID_CARD = { code: 'idCard', label: t('会员本人居民身份证复印件', "Copy of the member's resident ID card") };
const AID_CARD = { code: 'aidCard', label: t('会员互助服务卡复印件', "Copy of the member's mutual-aid service card") };
const PHOTOS = {
  code: 'damagePhotos',
  label: t('受损现场及财物照片', 'Photos of the damage'),
  hint: t('可直接用手机拍照上传', 'Take them with your phone'),
};

const CAUSE_DELIBERATE = {
  value: 'deliberate',
  label: t('本人或家属故意造成', 'Caused on purpose by the member or family'),
};

/** 水暖管爆裂, version 2 (from 2018): half the assessed loss, at least 500 and at most 8,000 yuan, once a year. */
export const PIPE_BURST_RULE: CoverageRule = {
  benefit: { kind: 'percentOfLoss', percent: 50, floorFen: 50_000, capFen: 800_000 },
  limits: [{ scope: 'coverage', period: { kind: 'calendarYear' }, maxCount: 1 }],
  waitingDays: 30,
  coverPeriods: [],
  eligibleGroups: ['in_service'],
  filingWindow: { kind: 'calendar', years: 2 },
  questions: [
    {
      code: 'whatHappened',
      label: t('发生了什么？', 'What happened?'),
      required: true,
      options: [
        { value: 'heatingPipeBurst', label: t('暖气管爆裂', 'A heating pipe burst') },
        { value: 'waterPipeBurst', label: t('自来水管爆裂', 'A water pipe burst') },
        { value: 'slowLeak', label: t('长期渗漏、滴水', 'A slow leak over time') },
      ],
    },
    {
      code: 'pipeOwner',
      label: t('爆裂的管道归谁所有？', 'Whose pipe burst?'),
      required: true,
      options: [
        { value: 'memberHome', label: t('会员自有（或家庭）住房内的管道', "A pipe inside the member's own home") },
        { value: 'landlord', label: t('租住房屋，管道属房东', 'A rented flat: the pipe is the landlord’s') },
        {
          value: 'publicPipe',
          label: t(
            '楼内公共管道（物业或供热单位管理）',
            'A shared pipe run by the property manager or heating company',
          ),
        },
      ],
    },
    {
      code: 'cause',
      label: t('爆裂原因', 'Cause'),
      required: true,
      options: [
        { value: 'ageingOrFreezing', label: t('管道老化、冻裂或压力异常', 'Ageing, freezing or a pressure surge') },
        { value: 'renovation', label: t('装修施工损坏', 'Damaged by renovation work') },
        CAUSE_DELIBERATE,
      ],
    },
    {
      code: 'neighboursDamaged',
      label: t(
        '是否殃及邻居或公共设施（如楼下住户、电梯）？',
        'Were neighbours or shared facilities (flats below, the lift) damaged?',
      ),
      required: false,
      options: [
        { value: 'yes', label: t('是', 'Yes') },
        { value: 'no', label: t('否', 'No') },
      ],
    },
  ],
  exclusions: [
    {
      code: 'tenantPipeOwnedByLandlord',
      label: t(
        '租住房屋的管道属于房东，损失应由产权人承担',
        'In a rented flat the pipe is the landlord’s, who bears the loss',
      ),
      when: { question: 'pipeOwner', in: ['landlord'] },
    },
    {
      code: 'publicPipe',
      label: t(
        '公共管道爆裂由物业或供热单位负责',
        'A shared pipe is the property manager’s or heating company’s responsibility',
      ),
      when: { question: 'pipeOwner', in: ['publicPipe'] },
    },
    {
      code: 'renovationDamage',
      label: t('装修施工造成的损坏由施工方负责', 'Damage by renovation work is the contractor’s responsibility'),
      when: { question: 'cause', in: ['renovation'] },
    },
    {
      code: 'selfInflicted',
      label: t('故意造成的损失', 'Loss caused on purpose'),
      when: { question: 'cause', in: ['deliberate'] },
    },
    {
      code: 'gradualLeak',
      label: t('长期渗漏不属于突发爆裂', 'A slow leak is not a sudden burst'),
      when: { question: 'whatHappened', in: ['slowLeak'] },
    },
  ],
  requiredDocuments: [
    PHOTOS,
    {
      code: 'propertyCertificate',
      label: t(
        '物业公司或社区居委会出具的事故证明',
        'Certificate of the incident from the property manager or residents’ committee',
      ),
    },
    { code: 'repairInvoices', label: t('维修及财产损失的发票或收据', 'Invoices or receipts for repairs and losses') },
    {
      code: 'neighbourCompensation',
      label: t(
        '赔偿邻居或公共设施的协议及收据',
        'Agreements and receipts for compensating neighbours or shared facilities',
      ),
      when: { question: 'neighboursDamaged', in: ['yes'] },
    },
    ID_CARD,
    AID_CARD,
  ],
};

/** Version 1 (2009-08-01 – 2017-12-31): the same, capped at 5,000 yuan. */
export const PIPE_BURST_RULE_V1: CoverageRule = {
  ...PIPE_BURST_RULE,
  benefit: { kind: 'percentOfLoss', percent: 50, floorFen: 50_000, capFen: 500_000 },
};

export const FIRE_RULE: CoverageRule = {
  benefit: { kind: 'percentOfLoss', percent: 50, floorFen: 100_000, capFen: 1_000_000 },
  limits: [{ scope: 'coverage', period: { kind: 'calendarYear' }, maxCount: 1 }],
  waitingDays: 30,
  coverPeriods: [],
  eligibleGroups: ['in_service'],
  filingWindow: { kind: 'workingDays', days: 60 },
  questions: [
    {
      code: 'cause',
      label: t('起火原因', 'Cause of the fire'),
      required: true,
      options: [
        {
          value: 'accident',
          label: t('意外（电气故障、邻里火灾殃及等）', 'Accident (electrical fault, spread from a neighbour…)'),
        },
        CAUSE_DELIBERATE,
      ],
    },
  ],
  exclusions: [
    {
      code: 'selfInflicted',
      label: t('故意纵火', 'Arson by the member or family'),
      when: { question: 'cause', in: ['deliberate'] },
    },
  ],
  requiredDocuments: [
    {
      code: 'fireCertificate',
      label: t('消防救援机构出具的火灾事故认定书', 'Fire incident report from the fire service'),
    },
    PHOTOS,
    { code: 'lossList', label: t('财产损失清单', 'List of property lost') },
    ID_CARD,
    AID_CARD,
  ],
};

const WORK_RELATED = {
  code: 'workRelated',
  label: t('是否在工作时间、工作场所因工作原因受伤？', 'Was it at work, during working hours, because of the work?'),
  required: true,
  options: [
    { value: 'no', label: t('否', 'No') },
    { value: 'yes', label: t('是（属于工伤）', 'Yes (a work injury)') },
  ],
};
const ACCIDENT_CAUSE = {
  code: 'cause',
  label: t('受伤原因', 'Cause'),
  required: true,
  options: [
    { value: 'accident', label: t('意外事故（跌倒、交通事故等）', 'An accident (a fall, a traffic accident…)') },
    { value: 'drunkDriving', label: t('酒后驾驶或无证驾驶', 'Driving drunk or without a licence') },
    { value: 'selfHarm', label: t('自伤、自残', 'Self-harm') },
  ],
};
const ACCIDENT_EXCLUSIONS = [
  {
    code: 'workInjury',
    label: t('工伤由工伤保险保障', 'Work injuries are covered by work-injury insurance'),
    when: { question: 'workRelated', in: ['yes'] },
  },
  {
    code: 'drunkDriving',
    label: t('酒后驾驶或无证驾驶', 'Driving drunk or without a licence'),
    when: { question: 'cause', in: ['drunkDriving'] },
  },
  {
    code: 'selfInflicted',
    label: t('自伤、自残', 'Self-inflicted injury'),
    when: { question: 'cause', in: ['selfHarm'] },
  },
];

export const ACCIDENT_HOSPITAL_RULE: CoverageRule = {
  benefit: { kind: 'perDay', amountFenPerDay: 5_000, minDays: 3, maxDays: 180 },
  limits: [{ scope: 'coverage', period: { kind: 'calendarYear' }, maxAmountFen: 900_000 }],
  waitingDays: 0,
  coverPeriods: [],
  eligibleGroups: ['in_service'],
  filingWindow: { kind: 'calendar', years: 2 },
  questions: [WORK_RELATED, ACCIDENT_CAUSE],
  exclusions: ACCIDENT_EXCLUSIONS,
  requiredDocuments: [
    { code: 'hospitalRecords', label: t('住院病历及出院小结', 'Hospital records and discharge summary') },
    { code: 'medicalInvoices', label: t('住院医疗费用发票', 'Hospital invoices') },
    {
      code: 'accidentProof',
      label: t('意外事故证明（如交通事故认定书）', 'Proof of the accident (e.g. a traffic police report)'),
    },
    ID_CARD,
    AID_CARD,
  ],
};

export const ACCIDENT_DEATH_RULE: CoverageRule = {
  benefit: { kind: 'fixed', amountFen: 3_000_000 },
  limits: [],
  waitingDays: 0,
  coverPeriods: [],
  eligibleGroups: ['in_service'],
  filingWindow: { kind: 'calendar', years: 2 },
  questions: [WORK_RELATED, ACCIDENT_CAUSE],
  exclusions: ACCIDENT_EXCLUSIONS,
  requiredDocuments: [
    { code: 'deathCertificate', label: t('死亡证明', 'Death certificate') },
    { code: 'accidentProof', label: t('意外事故证明', 'Proof of the accident') },
    { code: 'beneficiaryProof', label: t('受益人身份及亲属关系证明', "Beneficiary's ID and proof of relationship") },
    ID_CARD,
    AID_CARD,
  ],
};

export const DEMO_SCHEME = {
  code: 'FGS-YW-JC',
  name: '非工伤意外伤害及家财损失综合互助保障计划',
  nameEn: 'Non-work-injury accident and household property loss mutual-aid scheme',
  since: '2009-08-01',
  coverages: [
    {
      code: 'PIPE_BURST',
      name: '水暖管爆裂',
      nameEn: 'Burst water or heating pipe',
      versions: [
        { effectiveFrom: '2009-08-01', effectiveTo: '2017-12-31', rule: PIPE_BURST_RULE_V1 },
        { effectiveFrom: '2018-01-01', effectiveTo: null, rule: PIPE_BURST_RULE },
      ],
    },
    {
      code: 'FIRE',
      name: '火灾',
      nameEn: 'Fire',
      versions: [{ effectiveFrom: '2012-01-01', effectiveTo: null, rule: FIRE_RULE }],
    },
    {
      code: 'ACCIDENT_HOSPITAL',
      name: '意外伤害住院',
      nameEn: 'Hospital stay after an accident',
      versions: [{ effectiveFrom: '2009-08-01', effectiveTo: null, rule: ACCIDENT_HOSPITAL_RULE }],
    },
    {
      code: 'ACCIDENT_DEATH',
      name: '意外身故',
      nameEn: 'Accidental death',
      versions: [{ effectiveFrom: '2009-08-01', effectiveTo: null, rule: ACCIDENT_DEATH_RULE }],
    },
  ],
} as const;
