import type { EntityManager } from 'typeorm';
import type { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import type { LineColumn, LineUpdate } from './store.js';

/** Raw rows as entities, column by column as TypeORM hydrates them (its entity transformer costs more). */
export function hydrateLines(
  em: EntityManager,
  entity: typeof FulfillmentEntity,
  columns: readonly LineColumn[],
  raws: readonly Record<string, unknown>[],
): FulfillmentEntity[] {
  const metadata = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  const meta = columns.map((c) => metadata.findColumnWithPropertyName(c)!);
  return raws.map((raw) => {
    const row = Object.create(entity.prototype) as Record<string, unknown>;
    for (const c of meta) row[c.propertyName] = driver.prepareHydratedValue(raw[c.databaseName], c);
    return row as unknown as FulfillmentEntity;
  });
}

/** The database names of `columns`, for a SELECT list on alias `f`. */
export function lineColumnList(
  em: EntityManager,
  entity: typeof FulfillmentEntity,
  columns: readonly LineColumn[],
) {
  const metadata = em.connection.getMetadata(entity);
  return columns.map((c) => `f.${metadata.findColumnWithPropertyName(c)!.databaseName}`).join(', ');
}

/**
 * The columns of an update, split into those every row sets alike (one value) and those that differ per
 * row (one value each, in row order), as the database stores them.
 */
export function updateColumns(
  em: EntityManager,
  entity: typeof FulfillmentEntity,
  update: LineUpdate,
  part: readonly FulfillmentEntity[],
) {
  const metadata = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  const column = (key: string) => metadata.findColumnWithPropertyName(key)!;
  const same: { name: string; value: unknown }[] = [];
  const perRow: { name: string; values: unknown[] }[] = [];
  const keys = new Set<string>();
  for (const row of part) for (const key of Object.keys(update.patches.get(row.id)!)) keys.add(key);
  for (const key of keys) {
    const meta = column(key);
    const values = part.map((row) => {
      const patch = update.patches.get(row.id)! as Record<string, unknown>;
      return driver.preparePersistentValue(key in patch ? patch[key] : row[key as LineColumn], meta);
    });
    const name = driver.escape(meta.databaseName);
    const first = values[0];
    const alike = values.every(
      (v) => v === first || (v instanceof Date && first instanceof Date && v.getTime() === first.getTime()),
    );
    if (alike) same.push({ name, value: first });
    else perRow.push({ name, values });
  }
  for (const [key, value] of Object.entries(update.fixed)) {
    same.push({
      name: driver.escape(column(key).databaseName),
      value: driver.preparePersistentValue(value, column(key)),
    });
  }
  return { same, perRow };
}
