/**
 * Keeps this process's StationGeoIndex in step with the database. Every station write sends
 * `pg_notify('stations_changed', '<instance>|<id,id,…>')` (or '<instance>|*' after a bulk import) inside its own
 * transaction, so the notice is delivered only if the write commits; the writing process patches its own index
 * right after commit, and every other instance patches on the notice through a dedicated LISTEN connection.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from '../../db/schema.ts';
import { type IndexedStation, StationGeoIndex, toIndexedStation } from './geo-index.ts';
import type { OpeningHours } from './opening-hours.ts';
import { loadIndexRows } from './station.repository.ts';

export const STATIONS_CHANNEL = 'stations_changed';
/** pg_notify payloads are limited to 8000 bytes: more ids than this become a full reload. */
const MAX_IDS_PER_NOTICE = 150;

type Db = Kysely<DB> | Transaction<DB>;

/** Tells every instance (this one included) which stations changed, once the surrounding transaction commits. */
export async function notifyStationsChanged(db: Db, instanceId: string, ids: readonly string[] | '*'): Promise<void> {
  const list = ids === '*' || ids.length > MAX_IDS_PER_NOTICE ? '*' : ids.join(',');
  await sql`select pg_notify(${STATIONS_CHANNEL}, ${`${instanceId}|${list}`})`.execute(db);
}

function toIndexed(row: Awaited<ReturnType<typeof loadIndexRows>>[number]): IndexedStation {
  return toIndexedStation({
    id: row.id,
    code: row.code,
    name: row.name,
    address: row.address,
    lng: row.lng,
    lat: row.lat,
    hours: row.openingHours as OpeningHours,
    amenities: row.amenities,
  });
}

export class StationIndexSync {
  readonly index = new StationGeoIndex();
  readonly instanceId = randomUUID();
  private client: pg.Client | null = null;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** Serialises refreshes so an older read can never overwrite a newer one. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly log: { warn(obj: object, msg: string): void } = { warn: () => {} },
  ) {}

  /** Loads every active station (at start-up). */
  async load(): Promise<void> {
    const rows = await loadIndexRows(this.db);
    this.index.replaceAll(rows.map(toIndexed));
  }

  /** Re-reads the given stations (or everything) and patches the index; call after a committed write. */
  refresh(ids: readonly string[] | '*'): Promise<void> {
    const run = async () => {
      if (ids === '*') return this.load();
      if (ids.length === 0) return;
      const rows = await loadIndexRows(this.db, ids);
      const seen = new Set<string>();
      for (const row of rows) {
        seen.add(row.id);
        if (row.status === 'active') this.index.upsert(toIndexed(row));
        else this.index.remove(row.id);
      }
      for (const id of ids) if (!seen.has(id)) this.index.remove(id);
    };
    this.queue = this.queue.then(run, run);
    return this.queue;
  }

  /** Listens for other instances' changes on a connection of its own (LISTEN needs a session, not a pool). */
  async listen(connection: pg.ClientConfig): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client(connection);
    client.on('notification', (msg) => {
      if (msg.channel !== STATIONS_CHANNEL || !msg.payload) return;
      const [from, list] = msg.payload.split('|', 2) as [string, string | undefined];
      if (from === this.instanceId || list === undefined) return;
      this.refresh(list === '*' ? '*' : list.split(',').filter(Boolean)).catch((err) =>
        this.log.warn({ err }, 'station index refresh failed'),
      );
    });
    client.on('error', (err) => {
      this.log.warn({ err }, 'station change listener lost its connection; reconnecting');
      this.reconnect(connection);
    });
    client.on('end', () => this.reconnect(connection));
    await client.connect();
    await client.query(`LISTEN ${STATIONS_CHANNEL}`);
    this.client = client;
  }

  private reconnect(connection: pg.ClientConfig) {
    if (this.closed || this.reconnectTimer) return;
    this.client = null;
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = null;
      try {
        await this.listen(connection);
        await this.refresh('*'); // changes made while we were deaf
      } catch (err) {
        this.log.warn({ err }, 'station change listener could not reconnect');
        this.reconnect(connection);
      }
    }, 1000);
    this.reconnectTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      client.removeAllListeners('error');
      client.on('error', () => {});
      await client.end().catch(() => {});
    }
    await this.queue.catch(() => {});
  }
}
