/**
 * The k nearest points of a kdbush tree by great-circle distance, exact, without allocating per query.
 *
 * geokdbush's `around` does the same search but allocates an object per visited tree node and per point, and
 * pushes every point of every leaf it opens onto one priority queue; under an HTTP server's load that garbage cost
 * more than the search. This is a branch-and-bound search over kdbush's own arrays instead: tree nodes wait in a
 * min-heap ordered by a lower bound of the distance to anything inside them (geokdbush's bound, the same maths),
 * the best k points so far sit in a max-heap, and a node is opened only while its bound beats the k-th best. All
 * heaps live in typed arrays owned by the searcher and reused by every query (JavaScript runs one query at a time).
 *
 * Distances are compared as haversine terms h = sin²(θ/2), monotonic in the distance; the metres reported are
 * computed with exactly the operations of geo.ts's distanceM, so they are bit-identical to it.
 */
import type KDBush from 'kdbush';

const RAD = Math.PI / 180;
const EARTH_RADIUS_KM = 6371;

const haverSin = (theta: number) => {
  const s = Math.sin(theta / 2);
  return s * s;
};

const haverSinDistPartial = (haverSinDLng: number, cosLat1: number, lat1: number, lat2: number) =>
  cosLat1 * Math.cos(lat2 * RAD) * haverSinDLng + haverSin((lat1 - lat2) * RAD);

/** Latitude of the great circle's vertex: where the distance to a meridian is least (from geokdbush, ISC). */
function vertexLat(lat: number, haverSinDLng: number): number {
  const cosDLng = 1 - 2 * haverSinDLng;
  if (cosDLng <= 0) return lat > 0 ? 90 : -90;
  return Math.atan(Math.tan(lat * RAD) / cosDLng) / RAD;
}

/** Lower bound of h from the point to anything inside the box (geokdbush's boxDist, ISC). */
function boxH(lng: number, lat: number, cosLat: number, x0: number, y0: number, x1: number, y1: number): number {
  if (lng >= x0 && lng <= x1) {
    if (lat < y0) return haverSin((lat - y0) * RAD);
    if (lat > y1) return haverSin((lat - y1) * RAD);
    return 0;
  }
  const haverSinDLng = Math.min(haverSin((lng - x0) * RAD), haverSin((lng - x1) * RAD));
  const extremumLat = vertexLat(lat, haverSinDLng);
  if (extremumLat > y0 && extremumLat < y1) return haverSinDistPartial(haverSinDLng, cosLat, lat, extremumLat);
  return Math.min(
    haverSinDistPartial(haverSinDLng, cosLat, lat, y0),
    haverSinDistPartial(haverSinDLng, cosLat, lat, y1),
  );
}

function grow<T extends Float64Array | Int32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class GeoKnn {
  /** Node slots: [left, right, axis] and box [minLng, minLat, maxLng, maxLat], with their lower bound h. */
  private nodeInt = new Int32Array(3 * 256);
  private nodeBox = new Float64Array(4 * 256);
  private nodeH = new Float64Array(256);
  /** Min-heap of node slots by nodeH. */
  private queue = new Int32Array(256);
  /** Max-heap of the best points so far: h and the point's id. */
  private bestH = new Float64Array(64);
  private bestId = new Int32Array(64);
  /** The answer of the last search, nearest first: ids, and distances in metres. */
  readonly resultIds: number[] = [];
  readonly resultM: number[] = [];
  /** cos(latitude) of every point, in kdbush's order: computed once rather than on every distance. */
  private readonly cosY: Float64Array;
  private readonly ids: KDBush['ids'];
  private readonly coords: KDBush['coords'];
  private readonly nodeSize: number;
  /**
   * The current search's state. Fields and methods rather than closures over locals: closures made per search
   * cost an allocation each, and under tsx (esbuild's keepNames) an Object.defineProperty of their name too.
   */
  private lng = 0;
  private lat = 0;
  private cosLat = 1;
  private limit = 0;
  private maxH = 0;
  private found = 0;
  private slots = 0;
  private queued = 0;
  private accept: ((id: number) => boolean) | undefined = undefined;

  constructor(tree: KDBush) {
    this.ids = tree.ids;
    this.coords = tree.coords;
    this.nodeSize = tree.nodeSize;
    const n = tree.ids.length;
    this.cosY = new Float64Array(n);
    for (let i = 0; i < n; i++) this.cosY[i] = Math.cos(tree.coords[2 * i + 1]! * RAD);
  }

  /**
   * Finds up to `limit` ids nearest to (lng, lat) among those `accept` takes, within `maxDistanceM`, and leaves
   * them in resultIds/resultM (valid until the next search). Returns how many were found.
   */
  search(lng: number, lat: number, limit: number, maxDistanceM: number, accept?: (id: number) => boolean): number {
    const { ids, coords, nodeSize } = this;
    this.lng = lng;
    this.lat = lat;
    this.cosLat = Math.cos(lat * RAD);
    this.limit = limit;
    this.maxH = Number.isFinite(maxDistanceM) ? haverSin(maxDistanceM / 1000 / EARTH_RADIUS_KM) : Infinity;
    this.accept = accept;
    if (this.bestH.length < limit) {
      this.bestH = new Float64Array(limit);
      this.bestId = new Int32Array(limit);
    }
    this.found = 0;
    this.slots = 0;
    this.queued = 0;

    if (ids.length > 0) this.pushNode(0, ids.length - 1, 0, -180, -90, 180, 90);
    while (this.queued > 0) {
      const q = this.queue;
      const nodeH = this.nodeH;
      const s = q[0]!;
      // pop the min: move the last entry to the root and sift it down
      const queued = --this.queued;
      const last = q[queued]!;
      let k = 0;
      for (;;) {
        let c = 2 * k + 1;
        if (c >= queued) break;
        if (c + 1 < queued && nodeH[q[c + 1]!]! < nodeH[q[c]!]!) c++;
        if (nodeH[q[c]!]! >= nodeH[last]!) break;
        q[k] = q[c]!;
        k = c;
      }
      q[k] = last;

      const h = nodeH[s]!;
      if (this.found < limit ? h > this.maxH : h >= this.bestH[0]!) break; // nothing left can beat what we have
      const left = this.nodeInt[3 * s]!;
      const right = this.nodeInt[3 * s + 1]!;
      if (right - left <= nodeSize) {
        for (let i = left; i <= right; i++) this.consider(i);
        continue;
      }
      const axis = this.nodeInt[3 * s + 2]!;
      const box = this.nodeBox;
      const x0 = box[4 * s]!;
      const y0 = box[4 * s + 1]!;
      const x1 = box[4 * s + 2]!;
      const y1 = box[4 * s + 3]!;
      const m = (left + right) >> 1;
      this.consider(m);
      const mx = coords[2 * m]!;
      const my = coords[2 * m + 1]!;
      const next = 1 - axis;
      this.pushNode(left, m - 1, next, x0, y0, axis === 0 ? mx : x1, axis === 1 ? my : y1);
      this.pushNode(m + 1, right, next, axis === 0 ? mx : x0, axis === 1 ? my : y0, x1, y1);
    }
    this.accept = undefined;

    // Drain the max-heap from the back: nearest first.
    const found = this.found;
    const bestH = this.bestH;
    const bestId = this.bestId;
    const outIds = this.resultIds;
    const outM = this.resultM;
    outIds.length = found;
    outM.length = found;
    for (let n = found; n > 0; n--) {
      const h = bestH[0]!;
      outIds[n - 1] = bestId[0]!;
      outM[n - 1] = 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h)) * 1000;
      siftDownMax(bestH, bestId, n - 1, bestH[n - 1]!, bestId[n - 1]!);
    }
    return found;
  }

  /** Point i of the tree (kdbush's order) into the best k, if it beats the k-th best and is accepted. */
  private consider(i: number): void {
    const { coords, bestH, limit, maxH, lat } = this;
    const found = this.found;
    const bound = found < limit ? maxH : bestH[0]!;
    const latTerm = haverSin((lat - coords[2 * i + 1]!) * RAD); // alone, a lower bound of h
    if (latTerm > bound) return;
    // geo.ts distanceM's expression, term for term, so that the metres come out bit-identical
    const h = this.cosLat * this.cosY[i]! * haverSin((this.lng - coords[2 * i]!) * RAD) + latTerm;
    if (found < limit ? h > maxH : h >= bound) return;
    const id = this.ids[i]!;
    if (this.accept !== undefined && !this.accept(id)) return;
    const bestId = this.bestId;
    if (found < limit) {
      // sift up into the max-heap
      let k = found;
      this.found = found + 1;
      while (k > 0) {
        const p = (k - 1) >> 1;
        if (bestH[p]! >= h) break;
        bestH[k] = bestH[p]!;
        bestId[k] = bestId[p]!;
        k = p;
      }
      bestH[k] = h;
      bestId[k] = id;
    } else {
      siftDownMax(bestH, bestId, found, h, id);
    }
  }

  /** A tree node into the queue, unless its lower bound cannot beat the k-th best. */
  private pushNode(left: number, right: number, axis: number, x0: number, y0: number, x1: number, y1: number): void {
    const h = boxH(this.lng, this.lat, this.cosLat, x0, y0, x1, y1);
    if (this.found < this.limit ? h > this.maxH : h >= this.bestH[0]!) return;
    const s = this.slots++;
    if (s === this.nodeH.length) {
      this.nodeH = grow(this.nodeH, s * 2);
      this.nodeInt = grow(this.nodeInt, s * 6);
      this.nodeBox = grow(this.nodeBox, s * 8);
      this.queue = grow(this.queue, s * 2);
    }
    this.nodeInt[3 * s] = left;
    this.nodeInt[3 * s + 1] = right;
    this.nodeInt[3 * s + 2] = axis;
    const box = this.nodeBox;
    box[4 * s] = x0;
    box[4 * s + 1] = y0;
    box[4 * s + 2] = x1;
    box[4 * s + 3] = y1;
    this.nodeH[s] = h;
    // sift up into the min-heap
    const q = this.queue;
    const nodeH = this.nodeH;
    let k = this.queued++;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (nodeH[q[p]!]! <= h) break;
      q[k] = q[p]!;
      k = p;
    }
    q[k] = s;
  }
}

/** Puts (h, id) at the root of the max-heap of `size` entries and sifts it down. */
function siftDownMax(heapH: Float64Array, heapId: Int32Array, size: number, h: number, id: number): void {
  let k = 0;
  for (;;) {
    let c = 2 * k + 1;
    if (c >= size) break;
    if (c + 1 < size && heapH[c + 1]! > heapH[c]!) c++;
    if (heapH[c]! <= h) break;
    heapH[k] = heapH[c]!;
    heapId[k] = heapId[c]!;
    k = c;
  }
  heapH[k] = h;
  heapId[k] = id;
}
