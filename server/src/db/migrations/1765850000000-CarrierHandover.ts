import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Tracking conversion: a partner's rules "numbers of carrier X (from this supplier) are handed over to
 * carrier Y", and on each line the last-mile carrier and, once known, its number and link.
 */
export class CarrierHandover1765850000000 implements MigrationInterface {
  name = 'CarrierHandover1765850000000';

  async up(q: QueryRunner): Promise<void> {
    const str = (name: string, length: number, isNullable = false) => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable,
    });
    await q.createTable(
      new Table({
        name: 'carrier_handover_rule',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'partner_id', type: 'integer' },
          str('from_carrier_code', 32),
          str('to_carrier_code', 32),
          str('supplier', 100, true),
          // The supplier lower-cased, '' for "any supplier": a unique index treats NULLs as distinct.
          { ...str('supplier_key', 100), default: "''" },
          { name: 'updated_at', type: 'datetime' },
        ],
        indices: [
          new TableIndex({
            name: 'uq_carrier_handover_rule',
            columnNames: ['partner_id', 'from_carrier_code', 'supplier_key'],
            isUnique: true,
          }),
        ],
      }),
    );
    await q.addColumns('fulfillment', [
      new TableColumn(str('last_mile_carrier_code', 32, true)),
      new TableColumn(str('last_mile_number', 64, true)),
      new TableColumn(str('last_mile_url', 1000, true)),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('fulfillment', 'last_mile_url');
    await q.dropColumn('fulfillment', 'last_mile_number');
    await q.dropColumn('fulfillment', 'last_mile_carrier_code');
    await q.dropTable('carrier_handover_rule');
  }
}
