import path from 'node:path';
import { type DailyTime, parseDailyTime } from './domains/stations/maintenance-schedule.ts';

/** Settings read once from the environment; `npm start` needs none of them. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  dataKey: string | undefined;
  seedDemo: boolean;
  trustProxy: boolean;
  /** Beijing time of the daily station maintenance (health, then exit rules); null when switched off. */
  stationMaintenanceAt: DailyTime | null;
  /** Sign-in attempts allowed per minute from one IP address. */
  signInsPerMinute: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export class ConfigError extends Error {}

/** Parses and validates the environment, failing with a message that names the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number between 0 and 65535, got "${env.PORT}"`);
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const maintenanceText = env.STATION_MAINTENANCE_AT || '02:30';
  const stationMaintenanceAt = maintenanceText === 'off' ? null : parseDailyTime(maintenanceText);
  if (maintenanceText !== 'off' && !stationMaintenanceAt) {
    throw new ConfigError(
      `STATION_MAINTENANCE_AT must be a Beijing time as HH:MM on a 24-hour clock (e.g. 02:30), or off, got "${env.STATION_MAINTENANCE_AT}"`,
    );
  }
  const signInsText = env.SIGN_IN_RATE_LIMIT || '20';
  const signInsPerMinute = Number(signInsText);
  if (!/^\d+$/.test(signInsText) || signInsPerMinute < 1) {
    throw new ConfigError(
      `SIGN_IN_RATE_LIMIT must be a whole number of sign-in attempts per minute per IP address, at least 1, got "${env.SIGN_IN_RATE_LIMIT}"`,
    );
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    databaseUrl,
    logLevel,
    dataKey: env.UNIONCARE_DATA_KEY || undefined,
    seedDemo: env.SEED_DEMO !== 'false',
    trustProxy: env.TRUST_PROXY === 'true',
    stationMaintenanceAt,
    signInsPerMinute,
  };
}
