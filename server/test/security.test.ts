import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { format, inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { faultForLog } from '../src/db/errors.js';
import { buildAppSchema } from '../src/graphql/schema.js';
import { UserEntity } from '../src/users/user.entity.js';
import { transact } from '../src/db/transaction.js';
import { enqueue } from '../src/notifications/outbox.js';
import { OutboxWorker } from '../src/notifications/worker.js';
import {
  ADMIN,
  Client,
  createOrder,
  createPartner,
  createStaff,
  DB_KIND,
  signIn,
  startTestApp,
  upsNumber,
  type TestApp,
} from './harness.js';

let app: TestApp;
let schema: GraphQLSchema;
let admin: Client;
let support: Client;
let alice: { id: string; client: Client; secret: string };
let bob: { id: string; client: Client; secret: string };

beforeAll(async () => {
  app = await startTestApp();
  schema = await buildAppSchema();
  admin = await signIn(app);
  support = await createStaff(admin, app, 'SUPPORT');
  alice = await createPartner(admin, app, 'Alice');
  bob = await createPartner(admin, app, 'Bob');
});
afterAll(async () => {
  await app?.stop();
});

/** A syntactically valid value for any input type, so a call reaches the authorisation check. */
function dummy(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return dummy(type.ofType);
  if (isListType(type)) return [dummy(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, dummy(f.type)]),
    );
  }
  if (isScalarType(type))
    return (
      (
        { Int: 1, Float: 1, Boolean: true, Date: '2026-11-02', DateTime: '2026-11-02T00:00:00Z' } as Record<
          string,
          unknown
        >
      )[type.name] ?? 'x'
    );
  return null;
}

function callFor(
  operation: 'query' | 'mutation',
  name: string,
): { query: string; variables: Record<string, unknown> } {
  const field = (operation === 'query' ? schema.getQueryType() : schema.getMutationType())!.getFields()[
    name
  ]!;
  const args = field.args.filter((a) => isNonNullType(a.type));
  const decl = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const pass = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection =
    isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
  return {
    query: `${operation}${decl ? `(${decl})` : ''} { ${name}${pass ? `(${pass})` : ''}${selection} }`,
    variables: Object.fromEntries(args.map((a) => [a.name, dummy(a.type)])),
  };
}

/** Who may call what: the policy, stated once. Every root field must be listed. */
const ADMIN_ONLY = [
  'users',
  'createUser',
  'createPartner',
  'createApiKey',
  'revokeApiKey',
  'saveCarrier',
  'mailMessages',
  'outboxMessages',
  'retryOutboxMessage',
  'setPartnerNotificationEmails',
  'reopenFulfillment',
];
const ADMIN_AND_PARTNER = [
  'webhookEndpoints',
  'createWebhookEndpoint',
  'disableWebhookEndpoint',
  'setCarrierFeedSecret',
  'saveCarrierHandoverRule',
  'deleteCarrierHandoverRule',
];
const PUBLIC = ['viewer', 'login', 'logout'];

describe('roles, walked over the whole schema', () => {
  const roots = () => [
    ...Object.keys(schema.getQueryType()!.getFields()).map((n) => ['query', n] as const),
    ...Object.keys(schema.getMutationType()!.getFields()).map((n) => ['mutation', n] as const),
  ];

  it('the policy table names only fields the schema has', () => {
    expect(roots().length).toBeGreaterThan(30);
    for (const name of [...ADMIN_ONLY, ...ADMIN_AND_PARTNER, ...PUBLIC])
      expect(
        roots().map(([, n]) => n),
        name,
      ).toContain(name);
  });

  it('support staff get FORBIDDEN from every admin-only field, and so do partners', async () => {
    for (const [op, name] of roots()) {
      if (PUBLIC.includes(name)) continue; // logout would end the session under test
      const { query, variables } = callFor(op, name);
      const asSupport = await support.raw(query, variables);
      const asPartner = await alice.client.raw(query, variables);
      const code = (r: typeof asSupport) =>
        r.errors?.find((e) => ['FORBIDDEN', 'UNAUTHENTICATED'].includes(String(e.extensions?.code)))
          ?.extensions?.code ?? 'ALLOWED';
      if (ADMIN_ONLY.includes(name)) {
        expect(code(asSupport), `support → ${name}`).toBe('FORBIDDEN');
        expect(code(asPartner), `partner → ${name}`).toBe('FORBIDDEN');
      } else if (ADMIN_AND_PARTNER.includes(name)) {
        expect(code(asSupport), `support → ${name}`).toBe('FORBIDDEN');
        expect(code(asPartner), `partner → ${name}`).toBe('ALLOWED');
      } else {
        expect(code(asSupport), `support → ${name}`).toBe('ALLOWED');
        expect(code(asPartner), `partner → ${name}`).toBe('ALLOWED');
      }
    }
  });

  it('without credentials every field but viewer, login and logout answers UNAUTHENTICATED', async () => {
    const anonymous = new Client(app.url);
    for (const [op, name] of roots()) {
      if (PUBLIC.includes(name)) continue;
      const { query, variables } = callFor(op, name);
      const result = await anonymous.raw(query, variables);
      expect(result.errors?.[0]?.extensions?.code, name).toBe('UNAUTHENTICATED');
    }
  });
});

describe("a partner cannot read or change another partner's data through any field that takes an id or a filter", () => {
  it('every such field is probed with the other partner’s ids and leaks or changes nothing', async () => {
    const order = await createOrder(bob.client, {
      reference: 'BOB-SECRET',
      customer: { name: 'Bob Customer', email: 'bob.customer@example.com' },
    });
    const fid = order.fulfillments[0].id;
    const { markFulfillmentsNotShipping } = await bob.client.gql(
      `mutation($i: MarkFulfillmentsNotShippingInput!) { markFulfillmentsNotShipping(input: $i) { actionId } }`,
      { i: { ids: [fid] } },
    );
    const { undoBulkAction } = await bob.client.gql(
      `mutation($i: UndoBulkActionInput!) { undoBulkAction(input: $i) { restoredCount } }`,
      { i: { actionId: markFulfillmentsNotShipping.actionId } },
    );
    expect(undoBulkAction.restoredCount).toBe(1);
    const { markFulfillmentsNotShipping: second } = await bob.client.gql(
      `mutation($i: MarkFulfillmentsNotShippingInput!) { markFulfillmentsNotShipping(input: $i) { actionId } }`,
      { i: { ids: [fid], reason: 'probe' } },
    );
    const up = await fetch(`${app.url}/imports?kind=tracking`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bob.secret}`, 'content-type': 'text/csv' },
      body: `orderId,trackingNumber\nBOB-SECRET,${upsNumber(1)}\n`,
    });
    const { importId } = await up.json();
    const { createWebhookEndpoint } = await bob.client.gql(
      `mutation { createWebhookEndpoint(input: { url: "https://bob.example/hook" }) { endpoint { id } } }`,
    );
    const { partners: staffView } = await admin.gql('{ partners { id inboundEmailUrl } }');
    const bobInbox = staffView.find((p: { id: string }) => p.id === bob.id).inboundEmailUrl;
    const mailed = await fetch(`${app.url}/inbound/email/${String(bobInbox).split('/').pop()}`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: [
        'From: shop@bob.example',
        'Subject: Your order BOB-SECRET',
        '',
        'Order BOB-SECRET has shipped.',
      ].join('\r\n'),
    });
    expect(mailed.status).toBeLessThan(300);
    const { inboundEmails: bobMails } = await bob.client.gql('{ inboundEmails { id } }');
    expect(bobMails).toHaveLength(1);
    const mailId = bobMails[0].id;
    const { createSavedView } = await bob.client.gql(
      `mutation($i: SavedViewInput!) { createSavedView(input: $i) { view { id } userErrors { code } } }`,
      {
        i: {
          grid: 'orders',
          name: 'Bob only',
          filters: [],
          columns: ['order'],
          sort: 'PLACED_AT',
          direction: 'DESC',
        },
      },
    );
    const viewId = createSavedView.view.id;
    const { saveCarrierHandoverRule } = await bob.client.gql(
      `mutation { saveCarrierHandoverRule(input: { fromCarrierCode: "ups", toCarrierCode: "usps" }) { rule { id } userErrors { code } } }`,
    );
    const ruleId = saveCarrierHandoverRule.rule.id;
    const before = JSON.stringify(
      await app.ds.query('SELECT id, status, version, tracking_number FROM fulfillment ORDER BY id'),
    );

    // A probe's fourth value is the top-level error code it must get instead of data.
    const probes: Record<string, [string, Record<string, unknown>, (data: any) => void, string?]> = {
      order: [
        'query($id: ID!) { order(id: $id) { id } }',
        { id: order.id },
        (d) => expect(d.order).toBeNull(),
      ],
      fulfillment: [
        'query($id: ID!) { fulfillment(id: $id) { id } }',
        { id: fid },
        (d) => expect(d.fulfillment).toBeNull(),
      ],
      orders: [
        'query($p: [ID!]) { orders(filter: { partnerIds: $p, search: "BOB" }) { totalCount } }',
        { p: [bob.id] },
        (d) => expect(d.orders.totalCount).toBe(0),
      ],
      fulfillments: [
        'query($o: [ID!]) { fulfillments(filter: { orderIds: $o }) { totalCount } }',
        { o: [order.id] },
        (d) => expect(d.fulfillments.totalCount).toBe(0),
      ],
      importJob: [
        'query($id: ID!) { importJob(id: $id) { id } }',
        { id: importId },
        (d) => expect(d.importJob).toBeNull(),
      ],
      webhookEndpoints: [
        'query($p: ID) { webhookEndpoints(partnerId: $p) { id } }',
        { p: bob.id },
        (d) => expect(d.webhookEndpoints).toEqual([]),
      ],
      inboundEmails: ['{ inboundEmails { id } }', {}, (d) => expect(d.inboundEmails).toEqual([])],
      partners: ['{ partners { id } }', {}, (d) => expect(d.partners).toEqual([{ id: alice.id }])],
      createOrder: [
        'mutation($p: ID) { createOrder(input: { partnerId: $p, reference: "X", customer: { name: "A", email: "a@b.co" }, fulfillments: [{ sku: "A", productName: "A" }] }) { order { id } userErrors { code } } }',
        { p: bob.id },
        (d) => expect(d.createOrder.userErrors[0].code).toBe('FORBIDDEN'),
      ],
      updateFulfillmentTracking: [
        'mutation($f: ID!) { updateFulfillmentTracking(input: { fulfillmentId: $f, trackingNumber: "986578788855" }) { userErrors { code } } }',
        { f: fid },
        (d) => expect(d.updateFulfillmentTracking.userErrors[0].code).toBe('NOT_FOUND'),
      ],
      markFulfillmentsShipped: [
        'mutation($f: ID!) { markFulfillmentsShipped(input: { ids: [$f] }) { changedCount skipped { code } } }',
        { f: fid },
        (d) =>
          expect(d.markFulfillmentsShipped).toEqual({ changedCount: 0, skipped: [{ code: 'NOT_FOUND' }] }),
      ],
      markFulfillmentsNotShipping: [
        'mutation($p: ID!) { markFulfillmentsNotShipping(input: { filter: { partnerIds: [$p] } }) { changedCount userErrors { code } } }',
        { p: bob.id },
        (d) => expect(d.markFulfillmentsNotShipping.changedCount).toBe(0),
      ],
      cancelFulfillments: [
        'mutation($f: ID!) { cancelFulfillments(input: { ids: [$f] }) { changedCount } }',
        { f: fid },
        (d) => expect(d.cancelFulfillments.changedCount).toBe(0),
      ],
      undoBulkAction: [
        'mutation($a: ID!) { undoBulkAction(input: { actionId: $a }) { userErrors { code } } }',
        { a: second.actionId },
        (d) => expect(d.undoBulkAction.userErrors[0].code).toBe('NOT_FOUND'),
      ],
      undoImport: [
        'mutation($i: ID!) { undoImport(input: { importId: $i }) { restoredCount userErrors { code } } }',
        { i: importId },
        (d) => expect(d.undoImport).toEqual({ restoredCount: 0, userErrors: [{ code: 'NOT_FOUND' }] }),
      ],
      previewImport: [
        'mutation($i: ID!) { previewImport(input: { importId: $i }) { userErrors { code } } }',
        { i: importId },
        (d) => expect(d.previewImport.userErrors[0].code).toBe('NOT_FOUND'),
      ],
      applyImport: [
        'mutation($i: ID!) { applyImport(input: { importId: $i }) { userErrors { code } } }',
        { i: importId },
        (d) => expect(d.applyImport.userErrors[0].code).toBe('NOT_FOUND'),
      ],
      recordTrackingEvent: [
        'mutation($f: ID!) { recordTrackingEvent(input: { fulfillmentId: $f, status: DELIVERED }) { userErrors { code } } }',
        { f: fid },
        (d) => expect(d.recordTrackingEvent.userErrors[0].code).toBe('NOT_FOUND'),
      ],
      createWebhookEndpoint: [
        'mutation($p: ID) { createWebhookEndpoint(input: { partnerId: $p, url: "https://evil.example" }) { endpoint { id } userErrors { code } } }',
        { p: bob.id },
        (d) =>
          expect(d.createWebhookEndpoint).toEqual({ endpoint: null, userErrors: [{ code: 'FORBIDDEN' }] }),
      ],
      disableWebhookEndpoint: [
        'mutation($id: ID!) { disableWebhookEndpoint(input: { id: $id }) { userErrors { code } } }',
        { id: createWebhookEndpoint.endpoint.id },
        (d) => expect(d.disableWebhookEndpoint.userErrors[0].code).toBe('NOT_FOUND'),
      ],
      actionLogEntry: [
        'query($a: ID!) { actionLogEntry(id: $a) { id } }',
        { a: second.actionId },
        (d) => expect(d.actionLogEntry).toBeNull(),
      ],
      gridPreference: ['{ gridPreference(grid: "orders") { columns } }', {}, () => undefined],
      inboundEmail: [
        'query($id: ID!) { inboundEmail(id: $id) { id } }',
        { id: mailId },
        (d) => expect(d.inboundEmail).toBeNull(),
      ],
      applyInboundEmail: [
        'mutation($m: ID!, $f: ID!) { applyInboundEmail(input: { inboundEmailId: $m, fulfillmentId: $f, trackingNumber: "1Z999AA10123456784" }) { userErrors { code } } }',
        { m: mailId, f: fid },
        (d) => expect(d.applyInboundEmail.userErrors[0].code).toBe('NOT_FOUND'),
      ],
      dismissInboundEmail: [
        'mutation($m: ID!) { dismissInboundEmail(input: { inboundEmailId: $m }) { userErrors { code } } }',
        { m: mailId },
        (d) => expect(d.dismissInboundEmail.userErrors[0].code).toBe('NOT_FOUND'),
      ],
      updateSavedView: [
        'mutation($id: ID!) { updateSavedView(id: $id, input: { grid: "orders", name: "Taken", filters: [], columns: ["order"], sort: PLACED_AT, direction: ASC }) { userErrors { code } } }',
        { id: viewId },
        (d) => expect(d.updateSavedView.userErrors[0].code).toBe('NOT_FOUND'),
      ],
      deleteSavedView: [
        'mutation($id: ID!) { deleteSavedView(id: $id) { deletedId userErrors { code } } }',
        { id: viewId },
        (d) => expect(d.deleteSavedView.userErrors[0].code).toBe('NOT_FOUND'),
      ],
      createSavedView: [
        'mutation { createSavedView(input: { grid: "orders", name: "Mine", filters: [], columns: ["order"], sort: PLACED_AT, direction: ASC }) { view { id } } }',
        {},
        () => undefined,
      ],
      savedViews: [
        '{ savedViews(grid: "orders") { name } }',
        {},
        (d) => expect(d.savedViews.map((v: { name: string }) => v.name)).not.toContain('Bob only'),
      ],
      carrierHandoverRules: [
        'query($p: ID) { carrierHandoverRules(partnerId: $p) { id } }',
        { p: bob.id },
        () => undefined,
        'FORBIDDEN',
      ],
      saveCarrierHandoverRule: [
        'mutation($id: ID, $p: ID) { saveCarrierHandoverRule(input: { id: $id, partnerId: $p, fromCarrierCode: "ups", toCarrierCode: "fedex" }) { rule { id } userErrors { code } } }',
        { id: ruleId, p: bob.id },
        (d) =>
          expect(d.saveCarrierHandoverRule).toMatchObject({
            rule: null,
            userErrors: [{ code: 'FORBIDDEN' }],
          }),
      ],
      deleteCarrierHandoverRule: [
        'mutation($id: ID!) { deleteCarrierHandoverRule(id: $id) { deletedId userErrors { code } } }',
        { id: ruleId },
        (d) => expect(d.deleteCarrierHandoverRule.userErrors[0].code).toBe('NOT_FOUND'),
      ],
      actionLog: [
        '{ actionLog { edges { node { id } } } }',
        {},
        (d) => expect(d.actionLog.edges).toEqual([]),
      ],
      setCarrierFeedSecret: [
        'mutation($p: ID) { setCarrierFeedSecret(input: { partnerId: $p, provider: EASYPOST, secret: "alice-steals-bob" }) { userErrors { code } } }',
        { p: bob.id },
        (d) => expect(d.setCarrierFeedSecret.userErrors[0].code).toBe('FORBIDDEN'),
      ],
    };
    // The walk: every root field with an ID argument or a filter (anywhere in its input) must have a probe.
    const takesIds = (type: GraphQLInputType, seen = new Set<string>()): boolean => {
      const named = getNamedType(type);
      if (named.name === 'ID' || named.name.endsWith('Filter')) return true;
      if (!isInputObjectType(named) || seen.has(named.name)) return false;
      seen.add(named.name);
      return Object.values(named.getFields()).some((f) => takesIds(f.type, seen));
    };
    const fields = [
      ...Object.values(schema.getQueryType()!.getFields()),
      ...Object.values(schema.getMutationType()!.getFields()),
    ].filter((f) => f.args.some((a) => takesIds(a.type)) && !ADMIN_ONLY.includes(f.name));
    for (const f of fields) expect(Object.keys(probes), `no isolation probe for ${f.name}`).toContain(f.name);

    for (const [name, [query, variables, check, refused]] of Object.entries(probes)) {
      const result = await alice.client.raw(query, variables);
      if (refused) {
        expect(result.errors?.[0]?.extensions?.code, name).toBe(refused);
        continue;
      }
      expect(result.errors, name).toBeUndefined();
      check(result.data);
    }
    expect(
      JSON.stringify(
        await app.ds.query('SELECT id, status, version, tracking_number FROM fulfillment ORDER BY id'),
      ),
    ).toBe(before);
    const bobAfter = await bob.client.gql(
      '{ savedViews(grid: "orders") { name } inboundEmails { id status } }',
    );
    expect(bobAfter.savedViews).toEqual([{ name: 'Bob only' }]);
    const { carrierHandoverRules } = await bob.client.gql('{ carrierHandoverRules { id toCarrierCode } }');
    expect(carrierHandoverRules).toEqual([{ id: ruleId, toCarrierCode: 'usps' }]);
    expect(bobAfter.inboundEmails).toEqual([{ id: mailId, status: 'REVIEW' }]);
    const aliceHooks = await alice.client.gql('{ webhookEndpoints { id } }');
    expect((await bob.client.gql('{ webhookEndpoints { id } }')).webhookEndpoints).toEqual([
      { id: createWebhookEndpoint.endpoint.id },
    ]);
    expect(aliceHooks.webhookEndpoints).toEqual([]); // the probe named Bob: refused, not created for Alice either
  });

  it('a partner key creating a webhook endpoint for another partner gets FORBIDDEN and nothing is created', async () => {
    const endpoints = async () =>
      JSON.stringify(await app.ds.query('SELECT id, partner_id, url FROM webhook_endpoint ORDER BY id'));
    const before = await endpoints();
    const { createWebhookEndpoint } = await alice.client.gql(
      'mutation($p: ID) { createWebhookEndpoint(input: { partnerId: $p, url: "https://alice.example/bob" }) { endpoint { id } secret userErrors { field code message } } }',
      { p: bob.id },
    );
    expect(createWebhookEndpoint).toEqual({
      endpoint: null,
      secret: null,
      userErrors: [
        {
          field: ['input', 'partnerId'],
          code: 'FORBIDDEN',
          message: 'A partner key acts only for its own partner',
        },
      ],
    });
    expect(await endpoints()).toBe(before);
    // Naming itself is naming no one else.
    const own = await alice.client.gql(
      'mutation($p: ID) { createWebhookEndpoint(input: { partnerId: $p, url: "https://alice.example/own" }) { endpoint { id } userErrors { code } } }',
      { p: alice.id },
    );
    expect(own.createWebhookEndpoint.userErrors).toEqual([]);
    expect((await alice.client.gql('{ webhookEndpoints { id } }')).webhookEndpoints).toEqual([
      { id: own.createWebhookEndpoint.endpoint.id },
    ]);
    // Alice's later changes in this file should call no endpoint.
    const { disableWebhookEndpoint } = await alice.client.gql(
      'mutation($id: ID!) { disableWebhookEndpoint(input: { id: $id }) { userErrors { code } } }',
      { id: own.createWebhookEndpoint.endpoint.id },
    );
    expect(disableWebhookEndpoint.userErrors).toEqual([]);
  });
});

describe('injection attempts are stored as text, never executed', () => {
  const attacks = [
    `'; DROP TABLE orders; --`,
    `" OR 1=1 --`,
    '<script>alert(1)</script>',
    '${7*7}{{7*7}}',
    "Robert'); DELETE FROM fulfillment;--",
    '\u0000nul',
  ];
  it('in every string input of createOrder, search filters and tracking', async () => {
    for (const [i, attack] of attacks.entries()) {
      const order = await createOrder(alice.client, {
        reference: `INJ-${i}`,
        channel: attack,
        customer: { name: attack, email: `x${i}@example.com` },
        fulfillments: [{ sku: attack.slice(0, 60), productName: attack }],
      });
      const { fulfillment } = await alice.client.gql(
        `query($id: ID!) { fulfillment(id: $id) { sku productName order { customer { name } channel } } }`,
        { id: order.fulfillments[0].id },
      );
      expect(fulfillment).toEqual({
        sku: attack.slice(0, 60).trim(),
        productName: attack.trim(),
        order: { customer: { name: attack.trim() }, channel: attack.trim() },
      });
      const search = await alice.client.gql(
        `query($s: String) { orders(filter: { search: $s }) { totalCount } fulfillments(filter: { search: $s }) { totalCount } }`,
        { s: attack },
      );
      expect(search.orders.totalCount).toBeGreaterThanOrEqual(1);
      const tracking = await alice.client.gql(
        `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { userErrors { code } } }`,
        { i: { fulfillmentId: order.fulfillments[0].id, trackingNumber: attack, carrier: attack } },
      );
      expect(tracking.updateFulfillmentTracking.userErrors.length).toBeGreaterThan(0);
    }
    const [{ n }] = await app.ds.query('SELECT COUNT(*) AS n FROM orders');
    expect(Number(n)).toBeGreaterThanOrEqual(attacks.length);
    const html = await (
      await fetch(
        `${app.url}/track/${(await app.ds.query(`SELECT tracking_token AS t FROM orders WHERE reference = 'INJ-2'`))[0].t}`,
      )
    ).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('API limits', () => {
  it('every partner response reports its cost and what is left in the bucket', async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ orders(first: 10) { edges { node { reference customer { name } } } } }',
      }),
    });
    const body = await res.json();
    expect(body.extensions.cost).toEqual({
      requestedQueryCost: 2 + 10 * 2,
      maximumQueryCost: 10000,
      throttleStatus: { maximumAvailable: 20000, currentlyAvailable: expect.any(Number), restoreRate: 1000 },
    });
  });

  it('an empty bucket answers 429 THROTTLED, and it refills over time', async () => {
    const keyId = Number(
      (
        await app.ds.query(
          'SELECT id FROM api_key WHERE partner_id = (SELECT id FROM partner WHERE name = ?)',
          ['Alice'],
        )
      )[0].id,
    );
    await app.ds.query(`UPDATE rate_bucket SET points = 0, updated_at = ? WHERE api_key_id = ?`, [
      DB_KIND === 'sqlite'
        ? new Date(Date.now() + 60_000).toISOString().replace('T', ' ').replace('Z', '')
        : new Date(Date.now() + 60_000),
      keyId,
    ]);
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ orders(first: 10) { edges { node { reference } } } }' }),
    });
    expect(res.status).toBe(429);
    const body = await res.json();
    expect(body.errors[0].extensions).toMatchObject({
      code: 'THROTTLED',
      cost: { requestedQueryCost: 12, throttleStatus: { currentlyAvailable: expect.any(Number) } },
    });
    await app.ds.query(`UPDATE rate_bucket SET points = 0, updated_at = ? WHERE api_key_id = ?`, [
      DB_KIND === 'sqlite'
        ? new Date(Date.now() - 1000).toISOString().replace('T', ' ').replace('Z', '')
        : new Date(Date.now() - 1000),
      keyId,
    ]);
    expect(
      (await alice.client.raw('{ orders(first: 10) { edges { node { reference } } } }')).errors,
    ).toBeUndefined();
  });

  it('queries deeper than 12 levels are refused before they run', async () => {
    const deep =
      '{ orders(first: 1) { edges { node { fulfillments { order { fulfillments { order { fulfillments { order { fulfillments { order { fulfillments { order { reference } } } } } } } } } } } } } }';
    const result = await alice.client.raw(deep);
    expect(result.errors?.[0]?.message).toMatch(/exceeds maximum operation depth of 12/);
  });

  it('sign-in is throttled after repeated failures, even with the right password then', async () => {
    await admin.gql(
      `mutation { createUser(input: { email: "victim@test.example", role: SUPPORT, password: "victim-password-123" }) { userErrors { code } } }`,
    );
    const victim = new Client(app.url);
    const attempt = (password: string) =>
      victim.gql(
        `mutation($i: LoginInput!) { login(input: $i) { user { email } userErrors { code message } } }`,
        { i: { email: 'victim@test.example', password } },
      );
    for (let i = 0; i < 10; i++)
      expect((await attempt('wrong-password-guess')).login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    const blocked = await attempt('victim-password-123');
    expect(blocked.login).toEqual({
      user: null,
      userErrors: [{ code: 'LIMIT_EXCEEDED', message: 'Too many failed sign-ins; try again in 15 minutes' }],
    });
  });
});

/** Runs `work` with console.error captured (not printed), and returns what it would have printed. */
async function withErrorLog<T>(work: () => Promise<T>): Promise<{ result: T; log: string }> {
  const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const result = await work();
    return { result, log: logged.mock.calls.map((args) => format(...args)).join('\n') };
  } finally {
    logged.mockRestore();
  }
}

describe('production mode', () => {
  it('hides stack traces, SQL and introspection', async () => {
    const prod = await startTestApp({ production: true, introspection: false });
    try {
      const client = await signIn(prod);
      const intro = await client.raw('{ __schema { types { name } } }');
      expect(intro.errors?.[0]?.message).toMatch(/introspection/i);
      const partner = await createPartner(client, prod);
      const order = await createOrder(partner.client);
      if (DB_KIND === 'sqlite')
        await prod.ds.query(
          `CREATE TRIGGER boom BEFORE INSERT ON fulfillment_event BEGIN SELECT RAISE(ABORT, 'secret SQL detail'); END`,
        );
      else
        await prod.ds.query(
          `CREATE TRIGGER boom BEFORE INSERT ON fulfillment_event FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'secret SQL detail'`,
        );
      const { result: fault, log } = await withErrorLog(() =>
        client.raw(
          `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) { changedCount } }`,
          { i: { ids: [order.fulfillments[0].id] } },
        ),
      );
      expect(fault.errors?.[0]).toEqual({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(JSON.stringify(fault)).not.toMatch(/secret SQL detail|stacktrace|INSERT/);
      // The operator's log gets the message and the statement, not its values (here the actor: the admin's address).
      expect(log).toMatch(/secret SQL detail/);
      expect(log).toMatch(/statement: INSERT INTO fulfillment_event/);
      expect(log).not.toContain(ADMIN.email);

      // A failed import tells its partner to apply again, not what the database said.
      const up = await fetch(`${prod.url}/imports?kind=tracking`, {
        method: 'POST',
        headers: { authorization: `Bearer ${partner.secret}`, 'content-type': 'text/csv' },
        body: `orderId,trackingNumber\n${order.reference},${upsNumber(1)}\n`,
      }).then(async (res) => (await res.json()) as { importId: string });
      await partner.client.gql(
        'mutation($i: PreviewImportInput!) { previewImport(input: $i) { importJob { changeCount } } }',
        { i: { importId: up.importId } },
      );
      await withErrorLog(() =>
        partner.client.raw(
          'mutation($i: ApplyImportInput!) { applyImport(input: $i) { importJob { status } } }',
          { i: { importId: up.importId } },
        ),
      );
      const { importJob } = await partner.client.gql(
        'query($id: ID!) { importJob(id: $id) { status lastError } }',
        { id: up.importId },
      );
      expect(importJob).toEqual({
        status: 'FAILED',
        lastError:
          'The apply stopped on an internal error; the batch being written was rolled back. Apply again to finish, or ask support.',
      });
    } finally {
      await prod.stop();
    }
  });
});

describe('the server log', () => {
  it('names the key a duplicate hit, not the value (MariaDB writes values into its messages)', async () => {
    const duplicate = await app.ds
      .getRepository(UserEntity)
      .insert({
        email: ADMIN.email,
        role: 'ADMIN',
        passwordHash: 'scrypt$not-a-real-hash',
        createdAt: new Date(),
        disabledAt: null,
      })
      .catch((error: unknown) => error);
    expect(inspect(duplicate)).toContain(ADMIN.email); // what node would print for it unhandled
    const logged = faultForLog(duplicate);
    expect(logged).toMatch(
      DB_KIND === 'sqlite'
        ? /UNIQUE constraint failed: app_user\.email/
        : /Duplicate entry '…' for key 'uq_app_user_email'/,
    );
    expect(logged).toMatch(/statement: INSERT INTO [`"]?app_user/);
    expect(logged).not.toContain(ADMIN.email);
    expect(logged).not.toContain('not-a-real-hash');
  });

  it('keeps no value of a statement a syntax error quotes, nor of the statement itself', async () => {
    const broken = await app.ds
      .query(`INSERT INTO app_user (email) VALUES ORDER ('grace@example.com', 'it\\'s')`)
      .catch((error: unknown) => error);
    const logged = faultForLog(broken);
    if (DB_KIND === 'mariadb') expect(logged).toMatch(/near '…' at line 1/);
    expect(logged).toMatch(/statement: INSERT INTO app_user \(email\) VALUES ORDER \('…', '…'\)/);
    expect(logged).not.toContain('grace@');
    expect(logged).not.toContain('s\\');
  });
});

describe('webhooks cannot be pointed into our own network', () => {
  it('in production, loopback and private targets are refused when saved and when delivered', async () => {
    const prod = await startTestApp({ production: true, webhookAllowPrivate: false });
    try {
      const admin = await signIn(prod);
      const partner = await createPartner(admin, prod);
      const CREATE = `mutation($u: String!) { createWebhookEndpoint(input: { url: $u }) { endpoint { id } userErrors { field code message } } }`;
      for (const url of [
        'http://127.0.0.1:3306/',
        'http://localhost/hook',
        'http://10.0.0.5/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://[::1]/x',
      ]) {
        const { createWebhookEndpoint } = await partner.client.gql(CREATE, { u: url });
        expect(createWebhookEndpoint.endpoint, url).toBeNull();
        expect(createWebhookEndpoint.userErrors[0]).toMatchObject({
          field: ['input', 'url'],
          code: 'INVALID',
        });
      }
      expect(
        (await partner.client.gql(CREATE, { u: 'https://203.0.113.10/hook' })).createWebhookEndpoint
          .userErrors,
      ).toEqual([]);

      // An endpoint saved earlier (or whose name now resolves inside) is refused at delivery, not called.
      await prod.ds.query(`UPDATE webhook_endpoint SET url = 'http://127.0.0.1:9/hook'`);
      const [{ id }] = await prod.ds.query('SELECT id FROM webhook_endpoint');
      await transact(prod.ds, (em) =>
        enqueue(em, [
          {
            kind: 'WEBHOOK',
            topic: 'fulfillments.changed',
            dedupeKey: null,
            partnerId: null,
            payload: { endpointId: Number(id), event: 'ssrf.test' },
          },
        ]),
      );
      await new OutboxWorker(prod.ds, prod.config, { transport: null }).runOnce();
      const [row] = await prod.ds.query(
        `SELECT status, last_error FROM outbox_message WHERE payload LIKE '%ssrf.test%'`,
      );
      expect(row).toEqual({
        status: 'FAILED',
        last_error: 'Refused: 127.0.0.1 resolves to the private address 127.0.0.1',
      });
    } finally {
      await prod.stop();
    }
  });

  it('knows which addresses are private', async () => {
    const { isPrivateAddress } = await import('../src/notifications/webhook-target.js');
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['203.0.113.10', '8.8.8.8', '2001:4860:4860::8888'])
      expect(isPrivateAddress(a), a).toBe(false);
  });
});
