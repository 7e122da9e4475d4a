import { describe, expect, it } from 'vitest';
import { headerKey, IMPORT_FIELDS, suggestField } from './csv.js';
import { IMPORT_FORMATS, recogniseFormat } from './import-formats.js';

describe('import formats', () => {
  it("Shopify's Fulfillment: ID is never our fulfillment id; our own Fulfillment ID is", () => {
    expect(headerKey('Fulfillment: ID')).toBe('fulfillment:id');
    expect(suggestField('tracking', 'Fulfillment: ID')).toBeNull();
    expect(suggestField('tracking', 'Fulfillment ID')).toBe('fulfillmentId');
    expect(suggestField('tracking', 'Fulfillment: Tracking Number')).toBe('trackingNumber');
  });

  it('every format maps onto fields of its kind, and no two formats can tie', () => {
    for (const f of IMPORT_FORMATS) {
      for (const field of Object.values(f.columns))
        if (field) expect(IMPORT_FIELDS[f.kind] as readonly string[]).toContain(field);
      expect(recogniseFormat(f.kind, [...f.signature])?.id).toBe(f.id);
    }
    const signatures = IMPORT_FORMATS.map((f) => [...f.signature].sort().join('|'));
    expect(new Set(signatures).size).toBe(signatures.length);
  });
});
