import type { Generated } from 'kysely';
import type { Role } from '../../platform/roles.ts';

export interface AccountTable {
  id: string;
  phone: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  unionId: string | null;
  memberId: string | null;
  totpSecretEnc: Buffer | null;
  totpEnabled: Generated<boolean>;
  /** The last accepted TOTP step; only a later step is accepted (no replay within the window). */
  totpLastStep: string | null;
  failedLogins: Generated<number>;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface SessionTable {
  tokenHash: Buffer;
  accountId: string;
  createdAt: Generated<Date>;
  expiresAt: Date;
  lastSeenAt: Generated<Date>;
  revokedAt: Date | null;
  ip: string | null;
  userAgent: string | null;
}
