import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSqlMode } from '../src/db/data-source.js';
import { insertRows, sqlLiteral } from '../src/db/sql.js';
import { bareDatabase } from './bare-database.js';
import { DB_KIND } from './harness.js';

/**
 * insertRows writes its values into the statement on MySQL (sqlLiteral) instead
 * of binding them: whatever a CSV cell, a tracking number or an actor holds must
 * come back from the database exactly as it went in, and nothing may end the
 * literal early.
 */
describe(`insertRows on ${DB_KIND}: values written into the statement`, () => {
  const db = bareDatabase();
  beforeAll(async () => {
    await db.ds.query(`CREATE TABLE literal_probe (id INTEGER NOT NULL PRIMARY KEY, s TEXT NULL, n DOUBLE NULL)${DB_KIND === 'mariadb' ? ' CHARACTER SET utf8mb4' : ''}`);
  });

  it('reads back text and numbers as written, quotes, backslashes and control characters included', async () => {
    const piece = fc.oneof(
      fc.constantFrom("'", "''", '\\', "\\'", '"', '\0', '\b', '\t', '\n', '\r', '\x1a', '?', '??', '%', '_', '`', ';', '--', '/*', 'Ü', '€', '😀', "'); DROP TABLE literal_probe; --"),
      fc.string({ unit: 'grapheme-ascii', maxLength: 4 }),
    );
    const text = fc.oneof(fc.constant(null), fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')));
    // Numbers the column holds exactly; MariaDB's text protocol rounds some doubles in the last digit on the way back.
    const number = fc.oneof(fc.constant(null), fc.integer(), fc.maxSafeInteger(), fc.constantFrom(0.5, -1.25, 1e21, 1.5e-7, -0));
    let next = 0;
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(text, number), { minLength: 1, maxLength: 30 }), async (values) => {
      const rows = values.map(([s, n]) => [++next, s, n]);
      await insertRows(db.ds, 'literal_probe', ['id', 's', 'n'], rows);
      const back: { id: number; s: string | null; n: number | null }[] = await db.ds.query(
        `SELECT id, s, n FROM literal_probe WHERE id > ? ORDER BY id`, [rows[0]![0] as number - 1]);
      expect(back.map((r) => [Number(r.id), r.s, r.n === null ? null : Number(r.n)])).toEqual(rows.map(([id, s, n]) => [id, s, n === null ? null : Object.is(n, -0) ? 0 : n]));
    }), { numRuns: 200 });
    const [{ count }] = await db.ds.query('SELECT COUNT(*) AS count FROM literal_probe');
    expect(Number(count)).toBe(next);
  });

  it('the server refuses a database that takes backslashes literally', async () => {
    const session = db.ds.createQueryRunner();
    try {
      await checkSqlMode(db.ds, session);
      if (DB_KIND === 'mariadb') {
        await session.query("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES')");
        await expect(checkSqlMode(db.ds, session)).rejects.toThrow(/NO_BACKSLASH_ESCAPES/);
      }
    } finally {
      if (DB_KIND === 'mariadb') await session.query('SET SESSION sql_mode = DEFAULT');
      await session.release();
    }
  });

  it('refuses what has no single literal, instead of writing something else', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow(/NaN passed/);
    expect(() => sqlLiteral(Number.POSITIVE_INFINITY)).toThrow(/Infinity passed/);
    expect(() => sqlLiteral(new Date())).toThrow(/dbDateTime/);
    expect(() => sqlLiteral({ a: 1 })).toThrow(/object passed as a column value/);
    expect(() => sqlLiteral(undefined)).toThrow(/undefined passed/);
    expect(sqlLiteral("it's")).toBe("'it\\'s'");
  });
});
