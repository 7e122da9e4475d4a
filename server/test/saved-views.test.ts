import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createPartner, createStaff, signIn, startTestApp, type TestApp } from './harness.js';

const FIELDS = 'id grid name filters { key value } columns sort direction';
const LIST = `query($g: String!) { savedViews(grid: $g) { ${FIELDS} } }`;
const CREATE = `mutation($i: SavedViewInput!) { createSavedView(input: $i) { view { ${FIELDS} } userErrors { field code message params } } }`;
const UPDATE = `mutation($id: ID!, $i: SavedViewInput!) { updateSavedView(id: $id, input: $i) { view { ${FIELDS} } userErrors { field code message } } }`;
const DELETE = `mutation($id: ID!) { deleteSavedView(id: $id) { deletedId userErrors { field code message } } }`;

const input = (over: Record<string, unknown> = {}) => ({
  grid: 'orders',
  name: 'UPS in transit',
  filters: [
    { key: 'fstatus', value: 'SHIPPED' },
    { key: 'carrier', value: 'ups' },
  ],
  columns: ['order', 'customer', 'trackingNumber'],
  sort: 'REFERENCE',
  direction: 'ASC',
  ...over,
});

let app: TestApp;
let admin: Client;
let alice: Client;
let bob: Client;

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  alice = await createStaff(admin, app, 'SUPPORT');
  bob = await createStaff(admin, app, 'SUPPORT');
});
afterAll(async () => {
  await app?.stop();
});

describe('saved views', () => {
  it('are created, listed by name, replaced and deleted by their owner', async () => {
    const { createSavedView } = await alice.gql(CREATE, { i: input() });
    expect(createSavedView.userErrors).toEqual([]);
    const view = createSavedView.view;
    expect(view).toMatchObject({
      grid: 'orders',
      name: 'UPS in transit',
      filters: [
        { key: 'fstatus', value: 'SHIPPED' },
        { key: 'carrier', value: 'ups' },
      ],
      columns: ['order', 'customer', 'trackingNumber'],
      sort: 'REFERENCE',
      direction: 'ASC',
    });
    await alice.gql(CREATE, {
      i: input({ name: '  Awaiting DHL ', filters: [{ key: 'fstatus', value: 'HOLD' }] }),
    });
    const listed = (await alice.gql(LIST, { g: 'orders' })).savedViews;
    expect(listed.map((v: { name: string }) => v.name)).toEqual(['Awaiting DHL', 'UPS in transit']);
    expect((await alice.gql(LIST, { g: 'fulfillments' })).savedViews).toEqual([]);

    const { updateSavedView } = await alice.gql(UPDATE, {
      id: view.id,
      i: input({
        name: 'UPS delivered',
        filters: [{ key: 'fstatus', value: 'DELIVERED' }],
        direction: 'DESC',
      }),
    });
    expect(updateSavedView.userErrors).toEqual([]);
    expect(updateSavedView.view).toMatchObject({
      id: view.id,
      name: 'UPS delivered',
      filters: [{ key: 'fstatus', value: 'DELIVERED' }],
      direction: 'DESC',
    });

    const { deleteSavedView } = await alice.gql(DELETE, { id: view.id });
    expect(deleteSavedView).toEqual({ deletedId: view.id, userErrors: [] });
    expect((await alice.gql(LIST, { g: 'orders' })).savedViews.map((v: { name: string }) => v.name)).toEqual([
      'Awaiting DHL',
    ]);
  });

  it("one user never sees, changes or deletes another's views", async () => {
    const { createSavedView } = await bob.gql(CREATE, { i: input({ name: "Bob's view" }) });
    const bobsId = createSavedView.view.id;
    expect(
      (await alice.gql(LIST, { g: 'orders' })).savedViews.map((v: { name: string }) => v.name),
    ).not.toContain("Bob's view");
    const { updateSavedView } = await alice.gql(UPDATE, { id: bobsId, i: input({ name: 'Taken over' }) });
    expect(updateSavedView).toEqual({
      view: null,
      userErrors: [{ field: ['id'], code: 'NOT_FOUND', message: 'No such saved view' }],
    });
    const { deleteSavedView } = await alice.gql(DELETE, { id: bobsId });
    expect(deleteSavedView.userErrors[0].code).toBe('NOT_FOUND');
    const bobs = (await bob.gql(LIST, { g: 'orders' })).savedViews;
    expect(bobs).toHaveLength(1);
    expect(bobs[0]).toMatchObject({ id: bobsId, name: "Bob's view" });
    // The same name is free for someone else.
    const again = await alice.gql(CREATE, { i: input({ name: "Bob's view" }) });
    expect(again.createSavedView.userErrors).toEqual([]);
  });

  it('a partner (API key) keeps views of its own too', async () => {
    const partner = await createPartner(admin, app);
    await partner.client.gql(CREATE, { i: input({ name: 'Partner view' }) });
    expect(
      (await partner.client.gql(LIST, { g: 'orders' })).savedViews.map((v: { name: string }) => v.name),
    ).toEqual(['Partner view']);
    expect((await admin.gql(LIST, { g: 'orders' })).savedViews).toEqual([]);
  });

  it('refuses bad input with specific errors and stores nothing', async () => {
    const carol = await createStaff(admin, app, 'SUPPORT');
    const bad = async (over: Record<string, unknown>) =>
      (await carol.gql(CREATE, { i: input(over) })).createSavedView;

    expect((await bad({ name: '   ' })).userErrors).toEqual([
      {
        field: ['input', 'name'],
        code: 'REQUIRED',
        message: 'A view needs a name',
        params: '{"variant":"viewNeedsName"}',
      },
    ]);
    expect((await bad({ name: 'x'.repeat(81) })).userErrors[0]).toMatchObject({
      field: ['input', 'name'],
      code: 'TOO_LONG',
      params: '{"variant":"viewNameTooLong","max":80}',
    });
    expect((await bad({ grid: 'nope' })).userErrors[0]).toMatchObject({
      field: ['input', 'grid'],
      code: 'INVALID',
    });
    expect((await bad({ filters: [{ key: 'creditCard', value: '1' }] })).userErrors[0]).toMatchObject({
      field: ['input', 'filters', '0', 'key'],
      code: 'INVALID',
      params: '{"variant":"viewUnknownFilter","key":"creditCard"}',
    });
    expect(
      (
        await bad({
          filters: [
            { key: 'q', value: 'a' },
            { key: 'q', value: 'b' },
          ],
        })
      ).userErrors[0],
    ).toMatchObject({ field: ['input', 'filters', '1', 'key'], code: 'INVALID' });
    expect((await bad({ filters: [{ key: 'q', value: 'x'.repeat(201) }] })).userErrors[0]).toMatchObject({
      field: ['input', 'filters', '0', 'value'],
      code: 'TOO_LONG',
    });
    expect((await bad({ columns: ['order', 'creditCard'] })).userErrors[0]).toMatchObject({
      field: ['input', 'columns'],
      code: 'INVALID',
      message: 'Unknown column(s): creditCard',
    });
    expect((await carol.gql(LIST, { g: 'orders' })).savedViews).toEqual([]);

    await carol.gql(CREATE, { i: input({ name: 'Mine' }) });
    const dup = await bad({ name: 'MINE' });
    expect(dup.view).toBeNull();
    expect(dup.userErrors[0]).toMatchObject({
      field: ['input', 'name'],
      code: 'ALREADY_EXISTS',
      params: '{"variant":"viewNameTaken","name":"MINE"}',
    });
    expect((await carol.gql(LIST, { g: 'orders' })).savedViews).toHaveLength(1);
  });

  it('keeps at most 50 views per grid', async () => {
    const dave = await createStaff(admin, app, 'SUPPORT');
    for (let i = 0; i < 50; i++) {
      const res = await dave.gql(CREATE, { i: input({ name: `View ${i}` }) });
      expect(res.createSavedView.userErrors).toEqual([]);
    }
    const over = await dave.gql(CREATE, { i: input({ name: 'One too many' }) });
    expect(over.createSavedView.userErrors[0]).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      params: '{"variant":"viewsPerGridMax","max":50}',
    });
    expect((await dave.gql(LIST, { g: 'orders' })).savedViews).toHaveLength(50);
  });

  it('needs a signed-in caller', async () => {
    const anonymous = new Client(app.url);
    const res = await anonymous.raw(LIST, { g: 'orders' });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
