import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'react';
import type { ActivitySummary } from '../../../api/care';
import { usePublicConfig } from '../../../api/stations';

const BEIJING: L.LatLngTuple = [39.9087, 116.3975];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The places of the month's activities on a Leaflet map (same tile rules as the station map: tiles only when
 * /config/public names a server, a plain ground when they fail). A marker opens its activity.
 */
export function ActivityMap({
  activities,
  label,
  onOpen,
}: {
  activities: readonly ActivitySummary[];
  label: string;
  onOpen: (id: string) => void;
}) {
  const config = usePublicConfig();
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  // bumps when the map is (re)built, so the markers are drawn again on the new map
  const [generation, setGeneration] = useState(0);
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    if (!element.current || !config.data) return;
    const m = L.map(element.current, { center: BEIJING, zoom: 10 });
    m.attributionControl.setPrefix(false);
    L.control.scale({ imperial: false, maxWidth: 140 }).addTo(m);
    const { mapTileUrl, mapAttribution } = config.data;
    if (mapTileUrl) {
      const tiles = L.tileLayer(mapTileUrl, { maxZoom: 19, attribution: escapeHtml(mapAttribution) });
      let loaded = 0;
      let failed = 0;
      tiles.on('tileload', () => {
        loaded++;
      });
      tiles.on('tileerror', () => {
        failed++;
        if (failed >= 3 && loaded === 0) {
          m.removeLayer(tiles);
          element.current?.classList.add('uc-map-plain');
        }
      });
      tiles.addTo(m);
    } else {
      element.current.classList.add('uc-map-plain');
    }
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    setGeneration((g) => g + 1);
    return () => {
      m.remove();
      map.current = null;
      layer.current = null;
    };
  }, [config.data]);

  useEffect(() => {
    const m = map.current;
    const group = layer.current;
    if (generation === 0 || !m || !group) return;
    group.clearLayers();
    const points: L.LatLngTuple[] = [];
    for (const a of activities) {
      for (const p of a.places) {
        if (p.lat === null || p.lng === null) continue;
        const at: L.LatLngTuple = [p.lat, p.lng];
        points.push(at);
        const title = `${p.name} · ${a.title}`;
        const marker = L.marker(at, {
          title,
          alt: title,
          keyboard: true,
          icon: L.divIcon({
            className: 'uc-pin-wrap',
            html: `<span class="uc-care-pin uc-care-pin-${escapeHtml(a.kind)}" aria-hidden="true"></span>`,
            iconSize: [28, 28],
            iconAnchor: [14, 26],
          }),
        });
        marker.bindTooltip(escapeHtml(title), { direction: 'top', offset: [0, -22] });
        marker.on('click', () => open.current(a.id));
        marker.on('keypress', (e: L.LeafletKeyboardEvent) => {
          if (e.originalEvent.key === 'Enter') open.current(a.id);
        });
        marker.addTo(group);
      }
    }
    if (points.length > 1) m.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 14 });
    else if (points.length === 1) m.setView(points[0]!, 13);
  }, [activities, generation]);

  return <div ref={element} className="uc-care-map" role="application" aria-label={label} data-testid="activity-map" />;
}
