/**
 * Care and benefits (关爱/普惠) as the web app uses it: stock and its ledger, distributions with hand-overs and
 * confirmations, care activities, competitions, supervision visits and volunteer shifts. Shapes follow
 * `src/domains/care/*.schemas.ts` (see /work/notes/care-contract.md); each area has its own module, re-exported here.
 */

export const CARE_PERMISSIONS = { read: 'care.read', manage: 'care.manage' } as const;

export * from './care-activities';
export * from './care-competitions';
export * from './care-distributions';
export * from './care-stock';
export * from './care-volunteering';
