/**
 * Deep links into the navigation apps workers use. Pure (no Node built-ins), so the phone builds the same links from
 * its offline station pack (web/src/offline) as the server does.
 */
export interface NavigationLinks {
  amap: string;
  baidu: string;
  tencent: string;
}

const fixed = (n: number) => n.toFixed(6);

/** The links from coordinates already converted (the geo index keeps them, so the hot route only concatenates). */
export function navigationLinksAt(
  name: string,
  gcj: readonly [number, number],
  bd: readonly [number, number],
): NavigationLinks {
  const title = encodeURIComponent(name);
  return {
    amap: `https://uri.amap.com/marker?position=${fixed(gcj[0])},${fixed(gcj[1])}&name=${title}&coordinate=gaode&callnative=1`,
    baidu: `https://api.map.baidu.com/marker?location=${fixed(bd[1])},${fixed(bd[0])}&title=${title}&output=html&coord_type=bd09ll&src=unioncare`,
    tencent: `https://apis.map.qq.com/uri/v1/marker?marker=coord:${fixed(gcj[1])},${fixed(gcj[0])};title:${title}&referer=unioncare`,
  };
}
