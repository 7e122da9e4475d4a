import fc from 'fast-check';
import { DataSource, type EntityManager } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSqlMode } from '../src/db/data-source.js';
import { sqlLiteral } from '../src/db/mysql-store.js';
import { insertRows } from '../src/db/sql.js';
import { transact } from '../src/db/transaction.js';
import { bareDatabase } from './bare-database.js';
import { DB_KIND } from './harness.js';

/**
 * insertRows writes its values into the statement on MySQL (sqlLiteral), or
 * for a big batch inside a transaction into a LOAD DATA file, instead of
 * binding them: whatever a CSV cell, a tracking number or an actor holds must
 * come back from the database exactly as it went in, nothing may end a literal
 * or a field early, and the file refuses every row an INSERT would refuse.
 */
describe(`insertRows on ${DB_KIND}: values written into the statement`, () => {
  const db = bareDatabase();
  beforeAll(async () => {
    await db.ds.query(
      `CREATE TABLE literal_probe (id INTEGER NOT NULL PRIMARY KEY, s TEXT NULL, n DOUBLE NULL)${DB_KIND === 'mariadb' ? ' CHARACTER SET utf8mb4' : ''}`,
    );
    await db.ds.query(
      `CREATE TABLE strict_probe (id INTEGER NOT NULL PRIMARY KEY, s VARCHAR(20) NOT NULL)${DB_KIND === 'mariadb' ? ' CHARACTER SET utf8mb4' : ''}`,
    );
  });

  const piece = fc.oneof(
    fc.constantFrom(
      "'",
      "''",
      '\\',
      "\\'",
      '"',
      '\0',
      '\b',
      '\t',
      '\n',
      '\r',
      '\r\n',
      '\x1a',
      '\\N',
      'NULL',
      '?',
      '??',
      '%',
      '_',
      '`',
      ';',
      '--',
      '/*',
      'Ü',
      '€',
      '😀',
      "'); DROP TABLE literal_probe; --",
    ),
    fc.string({ unit: 'grapheme-ascii', maxLength: 4 }),
  );
  const text = fc.oneof(
    fc.constant(null),
    fc.constant(''),
    fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')),
  );
  // Numbers the column holds exactly; MariaDB's text protocol rounds some doubles in the last digit on the way back.
  const number = fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.maxSafeInteger(),
    fc.constantFrom(0.5, -1.25, 1e21, 1.5e-7, -0),
  );
  let next = 0;
  const readBack = async (rows: unknown[][]) => {
    const back: { id: number; s: string | null; n: number | null }[] = await db.ds.query(
      `SELECT id, s, n FROM literal_probe WHERE id > ? ORDER BY id`,
      [(rows[0]![0] as number) - 1],
    );
    expect(back.map((r) => [Number(r.id), r.s, r.n === null ? null : Number(r.n)])).toEqual(
      rows.map(([id, s, n]) => [id, s, n === null ? null : Object.is(n, -0) ? 0 : n]),
    );
  };
  /** How many LOAD DATA statements this session has run (MariaDB); SQLite has none. */
  const loads = async (em: EntityManager) =>
    DB_KIND === 'mariadb' ? Number((await em.query("SHOW SESSION STATUS LIKE 'Com_load'"))[0].Value) : 0;

  it('reads back text and numbers as written, quotes, backslashes and control characters included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, number), { minLength: 1, maxLength: 30 }), async (values) => {
        const rows = values.map(([s, n]) => [++next, s, n]);
        await insertRows(db.ds, 'literal_probe', ['id', 's', 'n'], rows);
        await readBack(rows);
      }),
      { numRuns: 200 },
    );
    const [{ count }] = await db.ds.query('SELECT COUNT(*) AS count FROM literal_probe');
    expect(Number(count)).toBe(next);
  });

  it('reads back a big batch in a transaction exactly as well: on MariaDB it goes as a LOAD DATA file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(text, number), { minLength: 50, maxLength: 120 }),
        async (values) => {
          const rows = values.map(([s, n]) => [++next, s, n]);
          await transact(db.ds, async (em) => {
            const before = await loads(em);
            await insertRows(em, 'literal_probe', ['id', 's', 'n'], rows);
            expect(await loads(em)).toBe(DB_KIND === 'mariadb' ? before + 1 : 0);
          });
          await readBack(rows);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a batch the database refuses in part leaves nothing behind: a duplicate key, a NULL for NOT NULL, a value too long', async () => {
    await db.ds.query("INSERT INTO strict_probe (id, s) VALUES (1, 'first')");
    const batch = (bad: unknown[]) => [...Array.from({ length: 60 }, (_, i) => [100 + i, `row ${i}`]), bad];
    const refusals: [unknown[], RegExp][] = [
      [[1, 'again'], /Duplicate entry|UNIQUE constraint/],
      [[200, null], /NULL supplied to NOT NULL|cannot be null|NOT NULL constraint/],
    ];
    // SQLite keeps a VARCHAR's text whatever its length.
    if (DB_KIND === 'mariadb') refusals.push([[200, 'x'.repeat(21)], /too long|truncated/i]);
    for (const [bad, message] of refusals) {
      await expect(
        transact(db.ds, (em) => insertRows(em, 'strict_probe', ['id', 's'], batch(bad))),
      ).rejects.toThrow(message);
      expect(await db.ds.query('SELECT id, s FROM strict_probe')).toEqual([{ id: 1, s: 'first' }]);
    }
    // Duplicates the caller means to skip are skipped, and only they.
    await transact(db.ds, (em) =>
      insertRows(em, 'strict_probe', ['id', 's'], batch([1, 'again']), { ignoreDuplicates: true }),
    );
    const rows: { id: number; s: string }[] = await db.ds.query('SELECT id, s FROM strict_probe ORDER BY id');
    expect(rows.length).toBe(61);
    expect(rows[0]).toEqual({ id: 1, s: 'first' });
    await db.ds.query('DELETE FROM strict_probe');
  });

  if (DB_KIND === 'mariadb')
    it('skipping duplicates never cuts a value too long: as a file or as statements, the batch is refused whole', async () => {
      await db.ds.query("INSERT INTO strict_probe (id, s) VALUES (1, 'first')");
      for (const size of [3, 60]) {
        const rows = [
          [1, 'again'],
          ...Array.from({ length: size }, (_, i) => [400 + i, `row ${i}`]),
          [500, 'y'.repeat(21)],
        ];
        await expect(
          transact(db.ds, (em) =>
            insertRows(em, 'strict_probe', ['id', 's'], rows, { ignoreDuplicates: true }),
          ),
        ).rejects.toThrow(/too long|truncated/i);
        expect(await db.ds.query('SELECT id, s FROM strict_probe')).toEqual([{ id: 1, s: 'first' }]);
      }
      await db.ds.query('DELETE FROM strict_probe');
    });

  if (DB_KIND === 'mariadb')
    it('inserts as statements where LOAD DATA LOCAL is refused, and stops asking', async () => {
      // A client that does not offer local files is refused as a server with local_infile off refuses (MySQL 8's
      // default); this data source alone, so the other test files keep loading.
      const options = db.ds.options as { extra?: Record<string, unknown> };
      const other = await new DataSource({
        ...db.ds.options,
        extra: { ...options.extra, flags: ['-LOCAL_FILES'] },
      } as typeof db.ds.options).initialize();
      try {
        for (const attempt of [1, 2]) {
          const rows = Array.from({ length: 60 }, (_, i) => [++next, `refused ${attempt}.${i}`, i]);
          await transact(other, async (em) => {
            const before = await loads(em);
            await insertRows(em, 'literal_probe', ['id', 's', 'n'], rows);
            // The refused statement counts once; after it the rows go as INSERTs without asking again.
            expect((await loads(em)) - before).toBe(attempt === 1 ? 1 : 0);
          });
          await readBack(rows);
        }
      } finally {
        await other.destroy();
      }
    });

  it("takes what an INSERT takes: trailing spaces past a column's length are cut, not refused", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [300 + i, `${'x'.repeat(20)}   `]);
    await transact(db.ds, (em) => insertRows(em, 'strict_probe', ['id', 's'], rows));
    const back: { s: string }[] = await db.ds.query('SELECT s FROM strict_probe WHERE id >= 300');
    expect(back.map((r) => r.s.trimEnd())).toEqual(rows.map(() => 'x'.repeat(20)));
    await db.ds.query('DELETE FROM strict_probe');
  });

  it("takes a batch bigger than the database's largest packet", async () => {
    const limit =
      DB_KIND === 'mariadb' ? Number((await db.ds.query('SELECT @@max_allowed_packet AS m'))[0].m) : 16 << 20;
    const cell = 'é'.repeat(30_000); // 60 KB of UTF-8, inside a TEXT column
    const rows = Array.from({ length: Math.max(50, Math.ceil(limit / 60_000) + 10) }, () => [
      ++next,
      cell,
      null,
    ]);
    await transact(db.ds, (em) => insertRows(em, 'literal_probe', ['id', 's', 'n'], rows));
    const [{ count }] = await db.ds.query(
      `SELECT COUNT(*) AS count FROM literal_probe WHERE id >= ? AND s = ?`,
      [rows[0]![0], cell],
    );
    expect(Number(count)).toBe(rows.length);
    await db.ds.query('DELETE FROM literal_probe WHERE id >= ?', [rows[0]![0]]);
  });

  if (DB_KIND === 'mariadb')
    it('gives a LOAD DATA LOCAL statement no file but the rows it registered', async () => {
      const count = async () =>
        Number((await db.ds.query('SELECT COUNT(*) AS count FROM literal_probe'))[0].count);
      const before = await count();
      await expect(
        db.ds.query("LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE literal_probe (s)"),
      ).rejects.toThrow(/did not offer/);
      expect(await count()).toBe(before);
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
