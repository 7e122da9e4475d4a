import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { CarrierFeedProvider, CheckpointSource, TrackingStatus as T, type TrackingStatus } from '@ft/shared';

/** One scan as a provider reported it, in our vocabulary. */
export interface FeedCheckpoint {
  at: Date;
  status: TrackingStatus;
  location: string | null;
  message: string | null;
  /** The provider gave a status but no time: news as of now, and not news again while the status stays. */
  undated?: boolean;
}

/** What one provider webhook says: the shipment it is about and every scan it lists. */
interface FeedUpdate {
  trackingNumber: string;
  checkpoints: FeedCheckpoint[];
}

/** The payload is not the provider's webhook as documented (the reason names what is missing). */
export class MalformedFeed extends Error {}

/** The request as a provider sent it: the raw body (what it signed), its headers and query. */
export interface FeedRequest {
  raw: Buffer;
  header(name: string): string | undefined;
  query(name: string): string | undefined;
}

export interface ProviderFeed {
  provider: CarrierFeedProvider;
  /** The path segment after /carrier-events/. */
  route: string;
  source: CheckpointSource;
  /** Whether the request carries the provider's proof of the partner's secret. */
  verify(request: FeedRequest, secret: string): boolean;
  /** The tracking update in a payload, or null for an event of another kind (answered, not applied). */
  read(body: unknown): FeedUpdate | null;
}

/** Equal strings, compared in constant time whatever their lengths (both are hashed to 32 bytes first). */
function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given || !expected) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const list = (v: unknown, what: string): unknown[] => {
  if (v == null) return [];
  if (!Array.isArray(v)) throw new MalformedFeed(`${what} must be a list`);
  return v;
};
const need = <V>(v: V | null, what: string): V => {
  if (v === null) throw new MalformedFeed(`${what} is missing`);
  return v;
};
/** A provider timestamp; one without an offset (some AfterShip carriers) is read as UTC. */
function time(v: unknown, what: string): Date {
  const text = need(str(v), what);
  const withZone = /([zZ]|[+-]\d\d:?\d\d)$/.test(text) || !/T\d/.test(text) ? text : `${text}Z`;
  const at = new Date(withZone);
  if (Number.isNaN(at.getTime())) throw new MalformedFeed(`${what} is not a date: ${text.slice(0, 40)}`);
  return at;
}
const place = (...parts: unknown[]): string | null =>
  parts
    .map(str)
    .filter((p): p is string => p !== null)
    .join(', ') || null;

// EasyPost Tracker.status and TrackingDetail.status (docs.easypost.com/docs/trackers).
/** A provider's word for a status, looked up among the map's own keys only ("constructor" is no status). */
const statusIn = (map: Record<string, TrackingStatus>, word: string): TrackingStatus | undefined =>
  Object.hasOwn(map, word) ? map[word] : undefined;

const EASYPOST: Record<string, TrackingStatus> = {
  unknown: T.UNKNOWN,
  pre_transit: T.INFO_RECEIVED,
  in_transit: T.IN_TRANSIT,
  out_for_delivery: T.OUT_FOR_DELIVERY,
  available_for_pickup: T.AVAILABLE_FOR_PICKUP,
  delivered: T.DELIVERED,
  return_to_sender: T.EXCEPTION,
  failure: T.EXCEPTION,
  cancelled: T.EXCEPTION,
  error: T.EXCEPTION,
};

const easypost: ProviderFeed = {
  provider: CarrierFeedProvider.EASYPOST,
  route: 'easypost',
  source: CheckpointSource.EASYPOST,
  // X-Hmac-Signature: "hmac-sha256-hex=" + hex HMAC-SHA256 of the body under the NFKD-normalised secret.
  verify: (request, secret) =>
    sameSecret(
      request.header('x-hmac-signature'),
      `hmac-sha256-hex=${createHmac('sha256', Buffer.from(secret.normalize('NFKD'), 'utf8'))
        .update(request.raw)
        .digest('hex')}`,
    ),
  read(body) {
    const event = need(obj(body), 'the event');
    if (event.description !== 'tracker.updated' && event.description !== 'tracker.created') return null;
    const tracker = need(obj(event.result), 'result (the Tracker)');
    const trackingNumber = need(str(tracker.tracking_code), 'result.tracking_code');
    const checkpoints = list(tracker.tracking_details, 'result.tracking_details').map((d, i) => {
      const detail = need(obj(d), `result.tracking_details[${i}]`);
      const where = obj(detail.tracking_location) ?? {};
      return {
        at: time(detail.datetime, `result.tracking_details[${i}].datetime`),
        status: statusIn(EASYPOST, String(detail.status)) ?? T.UNKNOWN,
        location: place(where.city, where.state, where.zip, where.country),
        message: str(detail.message),
      };
    });
    return { trackingNumber, checkpoints };
  },
};

// Shippo tracking_status.status, refined by substatus.code (docs.goshippo.com/docs/tracking/tracking).
const SHIPPO: Record<string, TrackingStatus> = {
  UNKNOWN: T.UNKNOWN,
  PRE_TRANSIT: T.INFO_RECEIVED,
  TRANSIT: T.IN_TRANSIT,
  DELIVERED: T.DELIVERED,
  RETURNED: T.EXCEPTION,
  FAILURE: T.EXCEPTION,
};
const SHIPPO_SUBSTATUS: Record<string, TrackingStatus> = {
  out_for_delivery: T.OUT_FOR_DELIVERY,
  delivery_attempted: T.FAILED_ATTEMPT,
  pickup_available: T.AVAILABLE_FOR_PICKUP,
  information_received: T.INFO_RECEIVED,
};
function shippoStatus(entry: Json): TrackingStatus {
  const sub = str(obj(entry.substatus)?.code);
  return (sub && statusIn(SHIPPO_SUBSTATUS, sub)) || statusIn(SHIPPO, String(entry.status)) || T.UNKNOWN;
}
function shippoCheckpoint(entry: Json, what: string): FeedCheckpoint {
  const where = obj(entry.location) ?? {};
  return {
    at: time(entry.status_date, `${what}.status_date`),
    status: shippoStatus(entry),
    location: place(where.city, where.state, where.zip, where.country),
    message: str(entry.status_details),
  };
}

const shippo: ProviderFeed = {
  provider: CarrierFeedProvider.SHIPPO,
  route: 'shippo',
  source: CheckpointSource.SHIPPO,
  // Shippo signs nothing by default; its documented protection is a token of ours in the URL (?token=).
  verify: (request, secret) => sameSecret(request.query('token'), secret),
  read(body) {
    const event = need(obj(body), 'the event');
    if (event.event !== 'track_updated') return null;
    const data = need(obj(event.data), 'data');
    const trackingNumber = need(str(data.tracking_number), 'data.tracking_number');
    const history = list(data.tracking_history, 'data.tracking_history').map((h, i) =>
      shippoCheckpoint(need(obj(h), `data.tracking_history[${i}]`), `data.tracking_history[${i}]`),
    );
    const current = obj(data.tracking_status);
    // The current status is usually the history's last entry too; it is stored once either way.
    if (current && current.status_date) history.push(shippoCheckpoint(current, 'data.tracking_status'));
    return { trackingNumber, checkpoints: history };
  },
};

// AfterShip tags (aftership.com/docs/tracking/enum/delivery-statuses).
const AFTERSHIP: Record<string, TrackingStatus> = {
  Pending: T.NOT_FOUND,
  InfoReceived: T.INFO_RECEIVED,
  InTransit: T.IN_TRANSIT,
  OutForDelivery: T.OUT_FOR_DELIVERY,
  AttemptFail: T.FAILED_ATTEMPT,
  AvailableForPickup: T.AVAILABLE_FOR_PICKUP,
  Delivered: T.DELIVERED,
  Exception: T.EXCEPTION,
  Expired: T.EXPIRED,
};

const aftership: ProviderFeed = {
  provider: CarrierFeedProvider.AFTERSHIP,
  route: 'aftership',
  source: CheckpointSource.AFTERSHIP,
  // aftership-hmac-sha256: base64 HMAC-SHA256 of the body under the webhook secret.
  verify: (request, secret) =>
    sameSecret(
      request.header('aftership-hmac-sha256'),
      createHmac('sha256', secret).update(request.raw).digest('base64'),
    ),
  read(body) {
    const event = need(obj(body), 'the event');
    if (event.event !== 'tracking_update') return null;
    const msg = need(obj(event.msg), 'msg');
    const trackingNumber = need(str(msg.tracking_number), 'msg.tracking_number');
    const checkpoints = list(msg.checkpoints, 'msg.checkpoints').map((c, i) => {
      const point = need(obj(c), `msg.checkpoints[${i}]`);
      return {
        at: time(point.checkpoint_time, `msg.checkpoints[${i}].checkpoint_time`),
        status: statusIn(AFTERSHIP, String(point.tag)) ?? T.UNKNOWN,
        location: str(point.location) ?? place(point.city, point.state, point.zip, point.country_name),
        message: str(point.message),
      };
    });
    // A tag with no checkpoint behind it (Pending, Expired) is news of its own, as of the update.
    const tag = statusIn(AFTERSHIP, String(msg.tag));
    if (checkpoints.length === 0 && tag && (msg.updated_at || event.ts != null)) {
      const at = msg.updated_at ? time(msg.updated_at, 'msg.updated_at') : new Date(Number(event.ts) * 1000);
      if (Number.isNaN(at.getTime())) throw new MalformedFeed('ts is not a time');
      checkpoints.push({ at, status: tag, location: null, message: str(msg.subtag_message) });
    }
    return { trackingNumber, checkpoints };
  },
};

// 17TRACK main statuses (api.17track.net/en/doc?version=v2.2, "status"); sub-statuses are "<Main>_<Detail>".
const SEVENTEEN: Record<string, TrackingStatus> = {
  NotFound: T.NOT_FOUND,
  InfoReceived: T.INFO_RECEIVED,
  InTransit: T.IN_TRANSIT,
  Expired: T.EXPIRED,
  AvailableForPickup: T.AVAILABLE_FOR_PICKUP,
  OutForDelivery: T.OUT_FOR_DELIVERY,
  DeliveryFailure: T.FAILED_ATTEMPT,
  Delivered: T.DELIVERED,
  Exception: T.EXCEPTION,
};

const seventeenTrack: ProviderFeed = {
  provider: CarrierFeedProvider.SEVENTEEN_TRACK,
  route: '17track',
  source: CheckpointSource.SEVENTEEN_TRACK,
  // sign: hex sha256 of the body, "/" and the security key.
  verify: (request, secret) =>
    sameSecret(
      request.header('sign'),
      createHash('sha256')
        .update(Buffer.concat([request.raw, Buffer.from(`/${secret}`, 'utf8')]))
        .digest('hex'),
    ),
  read(body) {
    const event = need(obj(body), 'the event');
    if (event.event !== 'TRACKING_UPDATED') return null;
    const data = need(obj(event.data), 'data');
    const trackingNumber = need(str(data.number), 'data.number');
    const info = need(obj(data.track_info), 'data.track_info');
    const providers = list(obj(info.tracking)?.providers, 'data.track_info.tracking.providers');
    const checkpoints: FeedCheckpoint[] = [];
    providers.forEach((p, i) => {
      list(obj(p)?.events, `providers[${i}].events`).forEach((e, j) => {
        const what = `data.track_info.tracking.providers[${i}].events[${j}]`;
        const ev = need(obj(e), what);
        const address = obj(ev.address) ?? {};
        const main = String(ev.sub_status ?? ev.stage ?? '').split('_')[0]!;
        checkpoints.push({
          at: time(ev.time_utc ?? ev.time_iso, `${what}.time_utc`),
          status: statusIn(SEVENTEEN, main) ?? T.IN_TRANSIT,
          location: str(ev.location) ?? place(address.city, address.state, address.country),
          message: str(ev.description),
        });
      });
    });
    const latest = obj(info.latest_status);
    const status = latest ? statusIn(SEVENTEEN, String(latest.status)) : undefined;
    if (checkpoints.length === 0 && status) {
      // NotFound and Expired come without an event; the update itself is the news.
      checkpoints.push({ at: new Date(), status, location: null, message: null, undated: true });
    }
    return { trackingNumber, checkpoints };
  },
};

const PROVIDER_FEEDS: readonly ProviderFeed[] = [easypost, shippo, aftership, seventeenTrack];

export const feedByRoute = (route: string): ProviderFeed | undefined =>
  PROVIDER_FEEDS.find((f) => f.route === route);
export const feedOf = (provider: CarrierFeedProvider): ProviderFeed =>
  PROVIDER_FEEDS.find((f) => f.provider === provider)!;
