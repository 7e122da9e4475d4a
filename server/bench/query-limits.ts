import 'reflect-metadata';
import { ADMIN, Client, freshDatabase } from '../test/harness.js';
import { createDataSource } from '../src/db/data-source.js';
import { insertRows } from '../src/db/sql.js';
import { post } from './http.js';
import { startServerProcess } from './server-process.js';

/**
 * `node --import tsx bench/query-limits.ts [--db sqlite|mariadb] [--rows 1000] [--cell-bytes 10000]`:
 * the server's peak memory while it answers 25 aliases of importJob{rows(first:1000){cells}}
 * on an import whose rows carry ~10 KB of cells, and for comparison the largest page of those rows
 * the cost limit lets through. The server runs compiled, as `pnpm start` runs it (256 MB heap).
 * Not a test: figures, not verdicts.
 */
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const KIND = arg('db', 'sqlite') as 'sqlite' | 'mariadb';
const ROWS = Number(arg('rows', '1000'));
const CELL_BYTES = Number(arg('cell-bytes', '10000'));

const { db, drop } = await freshDatabase(KIND);
const server = await startServerProcess(db, ADMIN, { OUTBOX_WORKER: 'false' });
const ds = await createDataSource(db);
await ds.initialize();
try {
  const admin = new Client(server.url);
  await admin.gql(`mutation($i: LoginInput!) { login(input: $i) { userErrors { code } } }`, { i: ADMIN });
  const { createPartner } = await admin.gql(
    `mutation { createPartner(input: { name: "Limits Partner" }) { partner { id } } }`,
  );
  const { createApiKey } = await admin.gql(
    `mutation($p: ID!) { createApiKey(input: { partnerId: $p, name: "bench" }) { secret } }`,
    { p: createPartner.partner.id },
  );
  const secret = createApiKey.secret as string;
  const upload = await post(
    `${server.url}/imports?kind=tracking`,
    { authorization: `Bearer ${secret}`, 'content-type': 'text/csv' },
    'orderId,trackingNumber,note\nREF-1,1Z5R89390357567001,x\n',
    false,
  );
  if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${upload.body}`);
  const { importId } = JSON.parse(upload.body) as { importId: string };
  const numericId = Number((await ds.query('SELECT MAX(id) AS id FROM import_job'))[0].id);
  // Rows as a file with a long free-text column would leave them: three cells, ~CELL_BYTES in all.
  const cells = JSON.stringify(['REF-1', '1Z5R89390357567001', 'n'.repeat(CELL_BYTES)]);
  await insertRows(
    ds.manager,
    'import_row',
    ['import_id', 'line', 'cells'],
    Array.from({ length: ROWS }, (_, i) => [numericId, i + 3, cells]),
  );

  const aliases = Array.from(
    { length: 25 },
    (_, i) => `a${i}: importJob(id: $id) { rows(first: 1000) { cells } }`,
  ).join(' ');
  const cases = [
    { name: '25 aliases × rows(first: 1000) { cells }', query: `query($id: ID!) { ${aliases} }` },
    {
      name: 'rows(first: 150) { line cells }',
      query: 'query($id: ID!) { importJob(id: $id) { rows(first: 150) { line cells } } }',
    },
  ];
  console.log(`${KIND}: ${ROWS} rows of ~${CELL_BYTES} bytes of cells`);
  console.log('query | answer | cost | RSS before | peak RSS');
  for (const c of cases) {
    server.resetPeak();
    const before = server.peakMb();
    // Sampled while the answer is under way too: a server that runs out of memory takes its peak with it.
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, server.peakMb())), 20);
    const res = await post(
      `${server.url}/graphql`,
      { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      JSON.stringify({ query: c.query, variables: { id: importId } }),
      false,
    ).catch((error: Error) => ({ status: 0, body: JSON.stringify({ failed: error.message }) }));
    clearInterval(sampler);
    peak = Math.max(peak, server.peakMb());
    const body = JSON.parse(res.body) as {
      failed?: string;
      errors?: { extensions?: { code?: string; cost?: { requestedQueryCost?: number } } }[];
      extensions?: { cost?: { requestedQueryCost?: number } };
    };
    const cost =
      body.extensions?.cost?.requestedQueryCost ?? body.errors?.[0]?.extensions?.cost?.requestedQueryCost;
    const up = await fetch(`${server.url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    const answer = body.failed
      ? `no answer (${body.failed}; the server ${up ? 'is still up' : 'is gone'})`
      : `${res.status} ${body.errors?.[0]?.extensions?.code ?? ''} ${(res.body.length / 1024 / 1024).toFixed(2)} MB`;
    console.log(`${c.name} | ${answer} | ${cost ?? '?'} | ${before} MB | ${peak} MB`);
    if (!up) break;
  }
} finally {
  await ds.destroy();
  await server.stop();
  await drop();
}
