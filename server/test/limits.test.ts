import 'reflect-metadata';
import { getNamedType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from '../src/graphql/schema.js';
import { LARGE_TEXT_FIELDS, MAX_RESPONSE_BYTES } from '../src/graphql/limits.js';
import { insertRows } from '../src/db/sql.js';
import { createPartner, signIn, startTestApp, upsNumber, type Client, type TestApp } from './harness.js';

/**
 * What a query may cost and how large its answer may be. A list item costs at
 * least 1 whatever it selects, a field that can carry large text costs a point
 * per 1,000 characters it can hold, and an answer larger than the budget is
 * refused whole.
 */
let app: TestApp;
let admin: Client;
let partner: { id: string; client: Client; secret: string };
let importId: string;

const costOf = (result: { extensions?: { cost?: { requestedQueryCost?: number } } }) =>
  result.extensions?.cost?.requestedQueryCost;

/** Posts a query with the partner's key and returns the status, body and what it cost. */
async function partnerQuery(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${partner.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, bytes: Buffer.byteLength(text), ...(JSON.parse(text) as any) };
}

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  partner = await createPartner(admin, app);
  const up = await fetch(`${app.url}/imports?kind=tracking`, {
    method: 'POST',
    headers: { authorization: `Bearer ${partner.secret}`, 'content-type': 'text/csv' },
    body: `orderId,trackingNumber,note\nREF-1,${upsNumber(1)},short\n`,
  });
  importId = ((await up.json()) as { importId: string }).importId;
  // 150 more rows of about 59,000 characters each (6 cells just under the 10,000-character cap), as a file can hold.
  const numericId = Number((await app.ds.query('SELECT MAX(id) AS id FROM import_job'))[0].id);
  const cells = Array.from({ length: 6 }, (_, i) => String.fromCharCode(97 + i).repeat(9_800));
  await insertRows(
    app.ds.manager,
    'import_row',
    ['import_id', 'line', 'cells'],
    Array.from({ length: 150 }, (_, i) => [numericId, i + 3, JSON.stringify(cells)]),
  );
});
afterAll(async () => {
  await app?.stop();
});

describe('query cost', () => {
  it('counts every list item, a list of scalars included, and large text by the characters it can hold', async () => {
    const lines = await partnerQuery('query($id: ID!) { importJob(id: $id) { rows(first: 10) { line } } }', {
      id: importId,
    });
    expect(lines.errors).toBeUndefined();
    // importJob 1; rows 1 + 10 items of at least 1.
    expect(costOf(lines)).toBe(1 + (1 + 10 * 1));

    const ids = await partnerQuery(
      'query($id: ID!) { importJob(id: $id) { rows(first: 10) { fulfillmentIds } } }',
      { id: importId },
    );
    // fulfillmentIds, a short list of scalars: 1 + 5 assumed items.
    expect(costOf(ids)).toBe(1 + (1 + 10 * (1 + 5)));

    const cells = await partnerQuery('query($id: ID!) { importJob(id: $id) { rows(first: 10) { cells } } }', {
      id: importId,
    });
    // cells: 1 + 5 assumed items + 60 points for the 60,000 characters a CSV record may hold.
    expect(costOf(cells)).toBe(1 + (1 + 10 * (1 + 5 + 60)));

    const emails = await admin.raw('{ inboundEmails(first: 10) { id } }');
    expect(emails.errors).toBeUndefined();
  });

  it('refuses lists of large text before they run: 1,000 rows of cells, 25 aliases of them, 250 email bodies', async () => {
    const aliases = Array.from(
      { length: 25 },
      (_, i) => `a${i}: importJob(id: $id) { rows(first: 1000) { cells } }`,
    ).join(' ');
    for (const query of [
      'query($id: ID!) { importJob(id: $id) { rows(first: 1000) { cells } } }',
      `query($id: ID!) { ${aliases} }`,
      'query { inboundEmails(first: 250) { bodyText } }',
    ]) {
      app.queries.reset();
      const refused = query.includes('inboundEmails')
        ? await fetch(`${app.url}/graphql`, {
            method: 'POST',
            headers: { cookie: admin.sessionCookie!, 'content-type': 'application/json' },
            body: JSON.stringify({ query }),
          }).then(async (res) => ({ status: res.status, ...((await res.json()) as any) }))
        : await partnerQuery(query, { id: importId });
      expect(refused.status, query).toBe(400);
      expect(refused.data, query).toBeUndefined();
      expect(refused.errors[0], query).toMatchObject({
        extensions: { code: 'LIMIT_EXCEEDED', cost: { maximumQueryCost: 10000 } },
      });
      expect(refused.errors[0].extensions.cost.requestedQueryCost, query).toBeGreaterThan(10000);
      expect(
        app.queries.statements.filter((s) => /import_row|inbound_email/.test(s)),
        query,
      ).toEqual([]);
    }
  });

  it('names in its table of large-text fields only fields the schema has', async () => {
    const schema = await buildAppSchema();
    for (const name of Object.keys(LARGE_TEXT_FIELDS)) {
      const [typeName, fieldName] = name.split('.') as [string, string];
      const type = schema.getType(typeName);
      expect(isObjectType(type), name).toBe(true);
      const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
      expect(field && getNamedType(field.type).name, name).toBe('String');
    }
  });
});

describe('response size', () => {
  it('an answer larger than the budget is refused whole with LIMIT_EXCEEDED, never cut short', async () => {
    const query = 'query($id: ID!) { importJob(id: $id) { rows(first: 151) { line cells } } }';
    const big = await partnerQuery(query, { id: importId });
    // Within the cost limit, but 150 rows of 59,000 characters are more than the budget.
    expect(costOf(big)).toBeLessThanOrEqual(10000);
    expect(150 * 59_000).toBeGreaterThan(MAX_RESPONSE_BYTES);
    expect(big.status).toBe(400);
    expect(big.data).toBeUndefined();
    expect(big.errors).toEqual([
      {
        message: `This answer is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB; ask for fewer items (first) or fewer fields.`,
        extensions: { code: 'LIMIT_EXCEEDED', maximumResponseBytes: MAX_RESPONSE_BYTES },
      },
    ]);
    expect(big.bytes).toBeLessThan(10_000);

    const half = await partnerQuery(
      'query($id: ID!) { importJob(id: $id) { rows(first: 60) { line cells } } }',
      {
        id: importId,
      },
    );
    expect(half.status).toBe(200);
    expect(half.errors).toBeUndefined();
    expect(half.data.importJob.rows).toHaveLength(60);
  });
});
