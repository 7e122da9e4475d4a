import type { DataSource } from 'typeorm';
import { CarrierEntity } from './carrier.entity.js';

/**
 * The carrier list, shared by every request of this process for a few seconds:
 * a Find Orders page names carriers on every shipped line, and reading the
 * table again for each page cost more than the page's own lines. A carrier
 * saved here is seen at once; one saved by another server process within
 * CARRIER_CACHE_MS.
 */
const CARRIER_CACHE_MS = 5_000;

interface Cached {
  at: number;
  carriers: Promise<CarrierEntity[]>;
  byCode: Map<string, CarrierEntity> | null;
}
const cache = new WeakMap<DataSource, Cached>();

export function cachedCarriers(ds: DataSource): Promise<CarrierEntity[]> {
  return fresh(ds).carriers;
}

/** The carrier with this code: at once when the list is at hand (a field resolver then needs no promise), else once read. */
export function carrierByCode(
  ds: DataSource,
  code: string,
): CarrierEntity | null | Promise<CarrierEntity | null> {
  const entry = fresh(ds);
  if (entry.byCode) return entry.byCode.get(code) ?? null;
  return entry.carriers.then((list) => list.find((c) => c.code === code) ?? null);
}

export function forgetCarriers(ds: DataSource): void {
  cache.delete(ds);
}

function fresh(ds: DataSource): Cached {
  const hit = cache.get(ds);
  if (hit && Date.now() - hit.at < CARRIER_CACHE_MS) return hit;
  const entry: Cached = {
    at: Date.now(),
    carriers: ds.getRepository(CarrierEntity).find({ order: { name: 'ASC' } }),
    byCode: null,
  };
  entry.carriers.then(
    (list) => {
      entry.byCode = new Map(list.map((c) => [c.code, c]));
    },
    () => {
      if (cache.get(ds) === entry) cache.delete(ds);
    }, // a failed read is not remembered
  );
  cache.set(ds, entry);
  return entry;
}
