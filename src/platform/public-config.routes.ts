import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { StringEnum } from './schema.ts';

export interface PublicConfig {
  /** A Leaflet tile URL template ('https://…/{z}/{x}/{y}.png'); '' means no tiles: the map draws on a plain ground. */
  mapTileUrl: string;
  mapAttribution: string;
  /** The datum the tiles are drawn in: wgs84 (OpenStreetMap and most servers) or gcj02 (Amap, Tencent). */
  mapTileCrs: 'wgs84' | 'gcj02';
}

export class PublicConfigError extends Error {}

/**
 * Reads the public web settings from the environment once, failing with a message that names the variable.
 * Tiles must come from https (or this server, '/…'): the page's Content-Security-Policy allows no other images.
 */
export function publicConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PublicConfig {
  const mapTileUrl = (env.MAP_TILE_URL ?? '').trim();
  if (mapTileUrl) {
    const placeholders = ['{z}', '{x}', '{y}'].every((p) => mapTileUrl.includes(p));
    const origin = /^https:\/\/[^/\s]+\/\S*$/.test(mapTileUrl) || /^\/[^/\s]\S*$/.test(mapTileUrl);
    if (!placeholders || !origin) {
      throw new PublicConfigError(
        `MAP_TILE_URL must be an https:// (or /path) URL template with {z}, {x} and {y}, got "${mapTileUrl}"`,
      );
    }
  }
  const crs = (env.MAP_TILE_CRS ?? 'wgs84').trim().toLowerCase();
  if (crs !== 'wgs84' && crs !== 'gcj02') {
    throw new PublicConfigError(`MAP_TILE_CRS must be wgs84 or gcj02, got "${env.MAP_TILE_CRS}"`);
  }
  return { mapTileUrl, mapAttribution: (env.MAP_ATTRIBUTION ?? '').trim().slice(0, 300), mapTileCrs: crs };
}

const PublicConfigSchema = Type.Object({
  mapTileUrl: Type.String({ description: "Leaflet tile URL template; '' = no tiles" }),
  mapAttribution: Type.String({ description: 'plain text shown in the map corner' }),
  mapTileCrs: StringEnum(['wgs84', 'gcj02'] as const),
});

/** `GET /config/public`: the few settings the public web pages need before anything else (no sign-in). */
export const publicConfigRoutes: FastifyPluginAsyncTypebox<{ config?: PublicConfig }> = async (app, options) => {
  const config = options.config ?? publicConfigFromEnv();
  app.get(
    '/config/public',
    {
      config: { public: true },
      schema: {
        tags: ['platform'],
        summary: 'Public web settings: map tiles (no sign-in)',
        response: { 200: PublicConfigSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return config;
    },
  );
};
