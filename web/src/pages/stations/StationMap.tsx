import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import type { NearbyStation, PublicConfig } from '../../api/stations';
import { openState } from './StationBits';

export interface LatLng {
  lng: number;
  lat: number;
}

interface Props {
  config: PublicConfig;
  /** where the worker is (or picked), in the map's datum */
  position: LatLng | null;
  positionLabel: string;
  stations: readonly NearbyStation[];
  /** accessible name of each marker */
  markerLabel: (station: NearbyStation, index: number) => string;
  onPick: (point: LatLng) => void;
  onOpenStation: (code: string) => void;
  onTilesFailed: () => void;
  label: string;
  /** the Leaflet map once made (null when it goes), for overlays such as SuggestedSitesLayer */
  onMap?: (map: L.Map | null) => void;
}

const BEIJING: L.LatLngTuple = [39.9087, 116.3975];

/**
 * Runs Leaflet's drawing in a task of its own, right after the one in which React committed: Leaflet measures the
 * map and its tooltips as it draws, which lays out the whole new page; in React's task that made one long task of
 * both (the page could not answer a tap meanwhile). Returns the cancel.
 */
function nextTask(draw: () => void): () => void {
  const timer = setTimeout(draw, 0);
  return () => clearTimeout(timer);
}

const GLYPH = { open: '✓', closed: '✕', unknown: '?' } as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The Leaflet map: tiles only when configured (a tile that fails to load hides the layer, and the map goes on over
 * a plain ground), a metric scale bar, numbered station markers whose shape also tells open/closed/unknown, and the
 * worker's position. Tapping the map picks a position (for when locating fails or is refused).
 */
export function StationMap(props: Props) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const stationLayer = useRef<L.LayerGroup | null>(null);
  const youLayer = useRef<L.LayerGroup | null>(null);
  const you = useRef<L.CircleMarker | null>(null);
  const framed = useRef(false);
  const latest = useRef(props);
  latest.current = props;

  // the map itself, once per tile configuration
  const { config, position, positionLabel, stations } = props;
  useEffect(() => {
    const container = element.current;
    if (!container) return;
    let m: L.Map | null = null;
    let resized: ResizeObserver | null = null;
    const cancel = nextTask(() => {
      m = L.map(container, { center: BEIJING, zoom: 12, zoomControl: true, attributionControl: true });
      m.attributionControl.setPrefix(false);
      L.control.scale({ imperial: false, maxWidth: 140 }).addTo(m);
      const { mapTileUrl, mapAttribution } = config;
      if (mapTileUrl) {
        const tiles = L.tileLayer(mapTileUrl, { maxZoom: 19, attribution: escapeHtml(mapAttribution) });
        let loaded = 0;
        let failed = 0;
        tiles.on('tileload', () => {
          loaded++;
        });
        tiles.on('tileerror', () => {
          failed++;
          // a few failures and nothing drawn: the tile server is unreachable (offline, blocked) — plain ground instead
          if (failed >= 3 && loaded === 0) {
            m?.removeLayer(tiles);
            container.classList.add('uc-map-plain');
            latest.current.onTilesFailed();
          }
        });
        tiles.addTo(m);
      } else {
        container.classList.add('uc-map-plain');
      }
      m.on('click', (e: L.LeafletMouseEvent) => latest.current.onPick({ lng: e.latlng.lng, lat: e.latlng.lat }));
      stationLayer.current = L.layerGroup().addTo(m);
      youLayer.current = L.layerGroup().addTo(m);
      map.current = m;
      latest.current.onMap?.(m);
      // the container's size changes without a window resize (a note above it appears, large text): redraw to fit
      resized = new ResizeObserver(() => m?.invalidateSize());
      resized.observe(container);
    });
    return () => {
      cancel();
      resized?.disconnect();
      if (!m) return;
      latest.current.onMap?.(null);
      m.remove();
      map.current = null;
      you.current = null;
      framed.current = false;
    };
  }, [config]);

  // the worker's position: one marker, moved rather than re-created
  useEffect(
    () =>
      nextTask(() => {
        const layer = youLayer.current;
        if (!layer) return;
        if (!position) {
          layer.clearLayers();
          you.current = null;
          return;
        }
        const at: L.LatLngTuple = [position.lat, position.lng];
        if (!you.current) {
          you.current = L.circleMarker(at, {
            radius: 11,
            color: '#fff',
            weight: 4,
            fillColor: '#1554d1',
            fillOpacity: 1,
          })
            .bindTooltip('', { permanent: true, direction: 'top', offset: [0, -10], className: 'uc-you-tip' })
            .addTo(layer);
        }
        you.current.setLatLng(at);
        you.current.setTooltipContent(escapeHtml(positionLabel));
      }),
    [position, positionLabel],
  );

  // the stations, numbered as in the list
  useEffect(
    () =>
      nextTask(() => {
        const layer = stationLayer.current;
        const m = map.current;
        if (!layer || !m) return;
        layer.clearLayers();
        stations.forEach((s, i) => {
          const state = openState(s.openNow);
          const label = latest.current.markerLabel(s, i);
          const marker = L.marker([s.lat, s.lng], {
            title: label,
            alt: label,
            keyboard: true,
            riseOnHover: true,
            zIndexOffset: (stations.length - i) * 10, // the nearest on top where markers overlap
            icon: L.divIcon({
              className: 'uc-pin-wrap',
              html: `<span class="uc-pin uc-pin-${state}" data-code="${escapeHtml(s.code)}"><b>${i + 1}</b><i aria-hidden="true">${GLYPH[state]}</i></span>`,
              iconSize: [44, 44],
              iconAnchor: [22, 40],
            }),
          });
          marker.on('click', () => latest.current.onOpenStation(s.code));
          marker.on('keypress', (e: L.LeafletKeyboardEvent) => {
            if (e.originalEvent.key === 'Enter') latest.current.onOpenStation(s.code);
          });
          marker.addTo(layer);
        });
        // frame the worker and the nearest stations: the first one, and the others not much farther than it
        const reach = Math.max(1500, 2 * (stations[0]?.distanceM ?? 0));
        const points: L.LatLngTuple[] = stations
          .filter((s, i) => i === 0 || (i < 5 && s.distanceM <= reach))
          .map((s) => [s.lat, s.lng]);
        if (position) points.push([position.lat, position.lng]);
        if (points.length === 0) return;
        // the first view is set at once: a pan animation on arrival would only redraw the map frame after frame
        const animate = framed.current;
        framed.current = true;
        if (points.length > 1) m.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: 16, animate });
        else m.setView(points[0]!, 15, { animate });
      }),
    [stations, position],
  );

  return <div ref={element} className="uc-map" role="application" aria-label={props.label} data-testid="station-map" />;
}
