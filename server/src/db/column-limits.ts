import { getMetadataArgsStorage } from 'typeorm';

/**
 * The length of every string column, read from the entity's own decorators: a value too long for its
 * column is refused where it is planned (a row error, a userError TOO_LONG), never cut by the
 * database or left to fail at write time.
 */
type EntityClass = abstract new (...args: never[]) => object;
const lengths = new Map<EntityClass, Map<string, number>>();

function lengthsOf(entity: EntityClass): Map<string, number> {
  let map = lengths.get(entity);
  if (!map) {
    map = new Map();
    for (const column of getMetadataArgsStorage().columns) {
      if (column.target === entity && typeof column.options.length === 'number') {
        map.set(column.propertyName, column.options.length);
      }
    }
    lengths.set(entity, map);
  }
  return map;
}

/** The first string value of `values` longer than its column, with that column's length. */
export function overLength(
  entity: EntityClass,
  values: Record<string, unknown>,
): { property: string; length: number; max: number } | null {
  const map = lengthsOf(entity);
  for (const [property, value] of Object.entries(values)) {
    const max = map.get(property);
    // Columns count characters; a string's length counts UTF-16 units, two for an emoji.
    if (typeof value === 'string' && max !== undefined && value.length > max) {
      const characters = [...value].length;
      if (characters > max) return { property, length: characters, max };
    }
  }
  return null;
}
