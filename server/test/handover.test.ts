import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderShippedEmail } from '../src/notifications/templates.js';
import {
  type Client,
  createOrder,
  createPartner,
  createStaff,
  signIn,
  startTestApp,
  upsNumber,
  type TestApp,
  uploadTrackingCsv,
} from './harness.js';

let app: TestApp;
let admin: Client;
let support: Client;
let acme: { id: string; client: Client; secret: string };
let other: { id: string; client: Client };

const RULES = `query($p: ID) { carrierHandoverRules(partnerId: $p) { id partnerId fromCarrierCode toCarrierCode supplier } }`;
const SAVE = `mutation($i: SaveCarrierHandoverRuleInput!) { saveCarrierHandoverRule(input: $i) {
  rule { id partnerId fromCarrierCode toCarrierCode supplier } userErrors { field code message } } }`;
const DELETE = `mutation($id: ID!) { deleteCarrierHandoverRule(id: $id) { deletedId userErrors { field code } } }`;
const UPDATE = `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) {
  fulfillment { id version tracking { number url carrier { code } } lastMileCarrierCode
    lastMile { number url carrier { code name } } history { type changes } }
  userErrors { field code message } } }`;

/** A valid Deutsche Post (S10, DE) number and one whose check digit is wrong. */
const POST_NUMBER = 'RR123456785DE';
const POST_WRONG_DIGIT = 'RR123456784DE';
const POST_URL = 'https://www.deutschepost.de/de/s/sendungsverfolgung.html?piececode=RR123456785DE';

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  support = await createStaff(admin, app, 'SUPPORT');
  acme = await createPartner(admin, app, 'Acme Shoes');
  other = await createPartner(admin, app, 'Other Shop');
});
afterAll(() => app?.stop());

describe('handover rules', () => {
  it('a partner key keeps its own rules; another partner neither sees nor deletes them', async () => {
    const saved = await acme.client.gql(SAVE, {
      i: { fromCarrierCode: 'usps', toCarrierCode: 'deutsche_post', supplier: '  Transatlantic Co ' },
    });
    expect(saved.saveCarrierHandoverRule.userErrors).toEqual([]);
    const rule = saved.saveCarrierHandoverRule.rule;
    expect(rule).toMatchObject({
      partnerId: acme.id,
      fromCarrierCode: 'usps',
      toCarrierCode: 'deutsche_post',
      supplier: 'Transatlantic Co',
    });

    expect((await acme.client.gql(RULES)).carrierHandoverRules).toEqual([rule]);
    expect((await other.client.gql(RULES)).carrierHandoverRules).toEqual([]);
    const peek = await other.client.raw(RULES, { p: acme.id });
    expect(peek.data?.carrierHandoverRules ?? null).toBeNull();
    expect(JSON.stringify(peek.errors)).toContain('FORBIDDEN');
    const theft = await other.client.gql(DELETE, { id: rule.id });
    expect(theft.deleteCarrierHandoverRule.userErrors).toEqual([{ field: ['id'], code: 'NOT_FOUND' }]);
    const edit = await other.client.gql(SAVE, {
      i: { id: rule.id, fromCarrierCode: 'usps', toCarrierCode: 'dhl' },
    });
    expect(edit.saveCarrierHandoverRule.userErrors.map((e: { code: string }) => e.code)).toEqual([
      'NOT_FOUND',
    ]);
    const naming = await other.client.gql(SAVE, {
      i: { partnerId: acme.id, fromCarrierCode: 'usps', toCarrierCode: 'dhl' },
    });
    expect(naming.saveCarrierHandoverRule.userErrors.map((e: { code: string }) => e.code)).toEqual([
      'FORBIDDEN',
    ]);

    // Saving the same carrier and supplier again (any case) changes that rule instead of adding one.
    const again = await acme.client.gql(SAVE, {
      i: { fromCarrierCode: 'usps', toCarrierCode: 'dhl', supplier: 'TRANSATLANTIC CO' },
    });
    expect(again.saveCarrierHandoverRule.rule.id).toBe(rule.id);
    expect((await acme.client.gql(RULES)).carrierHandoverRules).toMatchObject([
      { id: rule.id, toCarrierCode: 'dhl', supplier: 'TRANSATLANTIC CO' },
    ]);

    const deleted = await acme.client.gql(DELETE, { id: rule.id });
    expect(deleted.deleteCarrierHandoverRule).toEqual({ deletedId: rule.id, userErrors: [] });
    expect((await acme.client.gql(RULES)).carrierHandoverRules).toEqual([]);
  });

  it('admins manage any partner (and must name it); support reads but may not change', async () => {
    const missing = await admin.gql(SAVE, { i: { fromCarrierCode: 'ups', toCarrierCode: 'deutsche_post' } });
    expect(missing.saveCarrierHandoverRule.userErrors).toMatchObject([
      { field: ['input', 'partnerId'], code: 'REQUIRED' },
    ]);
    const saved = await admin.gql(SAVE, {
      i: { partnerId: other.id, fromCarrierCode: 'ups', toCarrierCode: 'deutsche_post' },
    });
    expect(saved.saveCarrierHandoverRule.rule).toMatchObject({ partnerId: other.id, supplier: null });
    expect((await support.gql(RULES, { p: other.id })).carrierHandoverRules).toHaveLength(1);
    const denied = await support.raw(SAVE, {
      i: { partnerId: other.id, fromCarrierCode: 'ups', toCarrierCode: 'dhl' },
    });
    expect(JSON.stringify(denied.errors)).toContain('FORBIDDEN');
    expect((await other.client.gql(RULES)).carrierHandoverRules).toMatchObject([
      { toCarrierCode: 'deutsche_post' },
    ]);
    await admin.gql(DELETE, { id: saved.saveCarrierHandoverRule.rule.id });
  });

  it('refuses unknown carriers and a rule handing a carrier over to itself, saving nothing', async () => {
    const unknown = await acme.client.gql(SAVE, {
      i: { fromCarrierCode: 'ups', toCarrierCode: 'pony_express' },
    });
    expect(unknown.saveCarrierHandoverRule.userErrors).toMatchObject([
      { field: ['input', 'toCarrierCode'], code: 'NOT_FOUND' },
    ]);
    const self = await acme.client.gql(SAVE, { i: { fromCarrierCode: 'ups', toCarrierCode: 'UPS' } });
    expect(self.saveCarrierHandoverRule.userErrors).toMatchObject([
      { field: ['input', 'toCarrierCode'], code: 'INVALID' },
    ]);
    const long = await acme.client.gql(SAVE, {
      i: { fromCarrierCode: 'ups', toCarrierCode: 'dhl', supplier: 'x'.repeat(101) },
    });
    expect(long.saveCarrierHandoverRule.userErrors).toMatchObject([{ field: ['input', 'supplier'] }]);
    expect((await acme.client.gql(RULES)).carrierHandoverRules).toEqual([]);
  });
});

describe('tracking conversion on a shipment', () => {
  let ruleIds: string[] = [];
  beforeAll(async () => {
    const bySupplier = await acme.client.gql(SAVE, {
      i: { fromCarrierCode: 'ups', toCarrierCode: 'deutsche_post', supplier: 'Transatlantic Co' },
    });
    const any = await acme.client.gql(SAVE, { i: { fromCarrierCode: 'ups', toCarrierCode: 'dhl' } });
    ruleIds = [bySupplier.saveCarrierHandoverRule.rule.id, any.saveCarrierHandoverRule.rule.id];
  });
  afterAll(async () => {
    for (const id of ruleIds) await acme.client.gql(DELETE, { id });
  });

  it('a matching rule sets the expected last-mile carrier; the supplier rule wins over the any-supplier one', async () => {
    const [a, b] = [
      (await createOrder(acme.client)).fulfillments[0],
      (await createOrder(acme.client)).fulfillments[0],
    ];
    const viaSupplier = await acme.client.gql(UPDATE, {
      i: { fulfillmentId: a.id, trackingNumber: upsNumber(1), shippingMethod: 'transatlantic co' },
    });
    expect(viaSupplier.updateFulfillmentTracking.fulfillment).toMatchObject({
      lastMileCarrierCode: 'deutsche_post',
      lastMile: null,
    });
    const plain = await acme.client.gql(UPDATE, {
      i: { fulfillmentId: b.id, trackingNumber: upsNumber(2), shippingMethod: 'Ground' },
    });
    expect(plain.updateFulfillmentTracking.fulfillment.lastMileCarrierCode).toBe('dhl');

    // Another partner's rules never apply.
    const foreign = (await createOrder(other.client)).fulfillments[0];
    const theirs = await other.client.gql(UPDATE, {
      i: { fulfillmentId: foreign.id, trackingNumber: upsNumber(3), shippingMethod: 'Transatlantic Co' },
    });
    expect(theirs.updateFulfillmentTracking.fulfillment.lastMileCarrierCode).toBeNull();
  });

  it("checks the last-mile number with the expected carrier's check digit and records it in history", async () => {
    const line = (await createOrder(acme.client)).fulfillments[0];
    const shipped = await acme.client.gql(UPDATE, {
      i: { fulfillmentId: line.id, trackingNumber: upsNumber(4), shippingMethod: 'Transatlantic Co' },
    });
    const version = shipped.updateFulfillmentTracking.fulfillment.version;

    const wrong = await acme.client.gql(UPDATE, {
      i: { fulfillmentId: line.id, trackingNumber: upsNumber(4), lastMileTrackingNumber: POST_WRONG_DIGIT },
    });
    expect(wrong.updateFulfillmentTracking.userErrors).toMatchObject([
      { field: ['input', 'lastMileTrackingNumber'], code: 'INVALID_TRACKING_NUMBER' },
    ]);
    expect(wrong.updateFulfillmentTracking.userErrors[0].message).toContain('Deutsche Post');

    const notANumber = await acme.client.gql(UPDATE, {
      i: { fulfillmentId: line.id, trackingNumber: upsNumber(4), lastMileTrackingNumber: 'ÄÖÜ!' },
    });
    expect(notANumber.updateFulfillmentTracking.userErrors).toMatchObject([
      { field: ['input', 'lastMileTrackingNumber'], code: 'INVALID' },
    ]);

    const ok = await acme.client.gql(UPDATE, {
      i: {
        fulfillmentId: line.id,
        trackingNumber: upsNumber(4),
        lastMileTrackingNumber: 'rr 123 456 785 de',
        version,
      },
    });
    expect(ok.updateFulfillmentTracking.userErrors).toEqual([]);
    const f = ok.updateFulfillmentTracking.fulfillment;
    expect(f.version).toBe(version + 1);
    expect(f.tracking).toMatchObject({ number: upsNumber(4), carrier: { code: 'ups' } });
    expect(f.lastMile).toEqual({
      number: POST_NUMBER,
      url: POST_URL,
      carrier: { code: 'deutsche_post', name: 'Deutsche Post' },
    });
    expect(f.history.at(-1).type).toBe('TRACKING_UPDATED');
    expect(JSON.parse(f.history.at(-1).changes)).toEqual({
      lastMileNumber: [null, POST_NUMBER],
      lastMileUrl: [null, POST_URL],
    });

    // Omitted again, it stays; a new origin number is a new shipment and drops it; empty clears it.
    const kept = await acme.client.gql(UPDATE, {
      i: { fulfillmentId: line.id, trackingNumber: upsNumber(4) },
    });
    expect(kept.updateFulfillmentTracking.fulfillment.lastMile.number).toBe(POST_NUMBER);
    const cleared = await acme.client.gql(UPDATE, {
      i: { fulfillmentId: line.id, trackingNumber: upsNumber(4), lastMileTrackingNumber: '' },
    });
    expect(cleared.updateFulfillmentTracking.fulfillment).toMatchObject({
      lastMile: null,
      lastMileCarrierCode: 'deutsche_post',
    });
  });

  it('a last-mile carrier named explicitly overrides the rule; an unknown one is refused', async () => {
    const line = (await createOrder(acme.client)).fulfillments[0];
    const unknown = await acme.client.gql(UPDATE, {
      i: {
        fulfillmentId: line.id,
        trackingNumber: upsNumber(5),
        lastMileTrackingNumber: POST_NUMBER,
        lastMileCarrier: 'Pony Express',
      },
    });
    expect(unknown.updateFulfillmentTracking.userErrors).toMatchObject([
      { field: ['input', 'lastMileCarrier'], code: 'UNKNOWN_CARRIER' },
    ]);
    const carrierOnly = await acme.client.gql(UPDATE, {
      i: { fulfillmentId: line.id, trackingNumber: upsNumber(5), lastMileCarrier: 'USPS' },
    });
    expect(carrierOnly.updateFulfillmentTracking.fulfillment).toMatchObject({
      lastMileCarrierCode: 'usps',
      lastMile: null,
    });
    const named = await acme.client.gql(UPDATE, {
      i: {
        fulfillmentId: line.id,
        trackingNumber: upsNumber(5),
        lastMileTrackingNumber: POST_NUMBER,
        lastMileCarrier: 'Deutsche Post',
      },
    });
    expect(named.updateFulfillmentTracking.fulfillment).toMatchObject({
      lastMileCarrierCode: 'deutsche_post',
      lastMile: { number: POST_NUMBER, carrier: { code: 'deutsche_post' } },
    });
  });

  it('an imported new tracking number drops the last-mile number of the old shipment', async () => {
    const order = await createOrder(acme.client);
    const line = order.fulfillments[0];
    await acme.client.gql(UPDATE, {
      i: {
        fulfillmentId: line.id,
        trackingNumber: upsNumber(7),
        shippingMethod: 'Transatlantic Co',
        lastMileTrackingNumber: POST_NUMBER,
      },
    });
    const importId = await uploadTrackingCsv(
      app.url,
      acme.secret,
      `order_reference,tracking_number,carrier\n${order.reference},${upsNumber(8)},UPS\n`,
    );
    const { previewImport } = await acme.client.gql(
      `mutation($i: PreviewImportInput!) { previewImport(input: $i) { importJob { changeCount } userErrors { code } } }`,
      { i: { importId } },
    );
    expect(previewImport).toEqual({ importJob: { changeCount: 1 }, userErrors: [] });
    const { applyImport } = await acme.client.gql(
      `mutation($i: ApplyImportInput!) { applyImport(input: $i) { importJob { status } userErrors { code } } }`,
      { i: { importId } },
    );
    expect(applyImport).toEqual({ importJob: { status: 'APPLIED' }, userErrors: [] });
    const { fulfillment } = await acme.client.gql(
      `query($id: ID!) { fulfillment(id: $id) { tracking { number } lastMile { number } history { changes } } }`,
      { id: line.id },
    );
    expect(fulfillment.tracking.number).toBe(upsNumber(8));
    expect(fulfillment.lastMile).toBeNull();
    expect(JSON.parse(fulfillment.history.at(-1).changes)).toMatchObject({
      trackingNumber: [upsNumber(7), upsNumber(8)],
      lastMileNumber: [POST_NUMBER, null],
    });
  });

  it("a tracking file's last-mile columns set the last-mile number, checked as the rule's carrier; a wrong one is that row's error", async () => {
    const [given, wrong, ruled] = [
      await createOrder(acme.client),
      await createOrder(acme.client),
      await createOrder(acme.client),
    ];
    const csv = [
      'order_reference,tracking_number,carrier,shipping_method,last_mile_tracking_number',
      `${given.reference},${upsNumber(20)},UPS,Transatlantic Co,rr 123 456 785 de`,
      `${wrong.reference},${upsNumber(21)},UPS,Transatlantic Co,${POST_WRONG_DIGIT}`,
      `${ruled.reference},${upsNumber(22)},UPS,Ground,`,
    ].join('\n');
    const importId = await uploadTrackingCsv(app.url, acme.secret, csv);
    const { previewImport } = await acme.client.gql(
      `mutation($i: PreviewImportInput!) { previewImport(input: $i) {
        importJob { changeCount errorCount mapping { column field } rows(outcome: "ERROR") { line code field } } userErrors { code } } }`,
      { i: { importId } },
    );
    expect(previewImport.importJob).toMatchObject({
      changeCount: 2,
      errorCount: 1,
      rows: [{ line: 3, code: 'INVALID_TRACKING_NUMBER', field: 'lastMileTrackingNumber' }],
    });
    expect(previewImport.importJob.mapping.at(-1)).toEqual({
      column: 'last_mile_tracking_number',
      field: 'lastMileTrackingNumber',
    });
    const { applyImport } = await acme.client.gql(
      `mutation($i: ApplyImportInput!) { applyImport(input: $i) { importJob { status } userErrors { code } } }`,
      { i: { importId } },
    );
    expect(applyImport).toEqual({ importJob: { status: 'APPLIED' }, userErrors: [] });
    const line = async (order: { fulfillments: { id: string }[] }) =>
      (
        await acme.client.gql(
          `query($id: ID!) { fulfillment(id: $id) { status lastMileCarrierCode lastMile { number url carrier { code } } } }`,
          { id: order.fulfillments[0]!.id },
        )
      ).fulfillment;
    expect(await line(given)).toEqual({
      status: 'SHIPPED',
      lastMileCarrierCode: 'deutsche_post',
      lastMile: { number: POST_NUMBER, url: POST_URL, carrier: { code: 'deutsche_post' } },
    });
    expect(await line(wrong)).toMatchObject({ status: 'HOLD', lastMile: null });
    expect(await line(ruled)).toEqual({ status: 'SHIPPED', lastMileCarrierCode: 'dhl', lastMile: null });

    // Delivered since, the line's row sent again, its last mile written another way, repeats what is stored.
    const delivered = await acme.client.gql(
      `mutation($i: RecordTrackingEventInput!) { recordTrackingEvent(input: $i) { userErrors { code } } }`,
      { i: { fulfillmentId: given.fulfillments[0]!.id, status: 'DELIVERED' } },
    );
    expect(delivered.recordTrackingEvent.userErrors).toEqual([]);
    const again = await uploadTrackingCsv(
      app.url,
      acme.secret,
      [
        'order_reference,tracking_number,carrier,shipping_method,last_mile_tracking_number,last_mile_carrier',
        `${given.reference},${upsNumber(20).toLowerCase()},UPS,Transatlantic Co,rr123456785de,Deutsche Post`,
      ].join('\n'),
    );
    const repeated = await acme.client.gql(
      `mutation($i: PreviewImportInput!) { previewImport(input: $i) { importJob { changeCount unchangedCount errorCount } } }`,
      { i: { importId: again } },
    );
    expect(repeated.previewImport.importJob).toEqual({ changeCount: 0, unchangedCount: 1, errorCount: 0 });
  });

  it("a row that corrects several lines of an order writes each line's own values: its status, its last mile", async () => {
    const order = await createOrder(acme.client, {
      fulfillments: [
        { sku: 'BOOT-A', productName: 'Boot A' },
        { sku: 'BOOT-B', productName: 'Boot B' },
      ],
    });
    const [a, b] = order.fulfillments;
    const ship = (id: string, input: Record<string, unknown>) =>
      acme.client.gql(UPDATE, { i: { fulfillmentId: id, ...input } });
    expect(
      (await ship(a.id, { trackingNumber: upsNumber(30) })).updateFulfillmentTracking.userErrors,
    ).toEqual([]);
    const shippedB = await ship(b.id, {
      trackingNumber: upsNumber(31),
      shippingMethod: 'Transatlantic Co',
      lastMileTrackingNumber: POST_NUMBER,
    });
    expect(shippedB.updateFulfillmentTracking.userErrors).toEqual([]);
    const scan = await acme.client.gql(
      `mutation($i: RecordTrackingEventInput!) { recordTrackingEvent(input: $i) { userErrors { code } } }`,
      { i: { fulfillmentId: b.id, status: 'IN_TRANSIT' } },
    );
    expect(scan.recordTrackingEvent.userErrors).toEqual([]);

    // Both lines are shipped, so the row corrects both: A gets B's number, B only the new date.
    const importId = await uploadTrackingCsv(
      app.url,
      acme.secret,
      `order_reference,tracking_number,carrier,shipped_date\n${order.reference},${upsNumber(31)},UPS,2026-11-20\n`,
    );
    const { previewImport } = await acme.client.gql(
      `mutation($i: PreviewImportInput!) { previewImport(input: $i) { importJob { changeCount } userErrors { code } } }`,
      { i: { importId } },
    );
    expect(previewImport).toEqual({ importJob: { changeCount: 1 }, userErrors: [] });
    await acme.client.gql(
      `mutation($i: ApplyImportInput!) { applyImport(input: $i) { importJob { status } } }`,
      { i: { importId } },
    );
    const line = async (id: string) =>
      (
        await acme.client.gql(
          `query($id: ID!) { fulfillment(id: $id) { shippedOn tracking { number status } lastMile { number } } }`,
          { id },
        )
      ).fulfillment;
    expect(await line(a.id)).toEqual({
      shippedOn: '2026-11-20',
      tracking: { number: upsNumber(31), status: 'LABEL_CREATED' },
      lastMile: null,
    });
    expect(await line(b.id)).toEqual({
      shippedOn: '2026-11-20',
      tracking: { number: upsNumber(31), status: 'IN_TRANSIT' },
      lastMile: { number: POST_NUMBER },
    });

    // Another last-mile carrier without its number would leave the line linking the old number to it.
    const carrierOnly = await uploadTrackingCsv(
      app.url,
      acme.secret,
      `order_reference,sku,tracking_number,last_mile_carrier\n${order.reference},BOOT-B,${upsNumber(31)},DHL Express\n`,
    );
    const refused = await acme.client.gql(
      `mutation($i: PreviewImportInput!) { previewImport(input: $i) {
        importJob { changeCount rows(outcome: "ERROR") { code field message } } } }`,
      { i: { importId: carrierOnly } },
    );
    expect(refused.previewImport.importJob).toEqual({
      changeCount: 0,
      rows: [
        {
          code: 'REQUIRED',
          field: 'lastMileTrackingNumber',
          message: `Give DHL Express's last-mile number too: the line's last-mile number ${POST_NUMBER} is another carrier's`,
        },
      ],
    });
    // The tracking form's rule is the same one.
    const byHand = await ship(b.id, { trackingNumber: upsNumber(31), lastMileCarrier: 'DHL Express' });
    expect(byHand.updateFulfillmentTracking.userErrors).toEqual([
      {
        field: ['input', 'lastMileTrackingNumber'],
        code: 'REQUIRED',
        message: `Give DHL Express's last-mile number too: the line's last-mile number ${POST_NUMBER} is another carrier's`,
      },
    ]);
  });

  it('the Track item page shows both numbers and links the last-mile carrier', async () => {
    const order = await createOrder(acme.client, {
      customer: { name: 'Grete', email: 'grete@example.com', locale: 'de' },
    });
    await acme.client.gql(UPDATE, {
      i: {
        fulfillmentId: order.fulfillments[0].id,
        trackingNumber: upsNumber(6),
        shippingMethod: 'Transatlantic Co',
        lastMileTrackingNumber: POST_NUMBER,
      },
    });
    const [{ t }] = await app.ds.query(
      `SELECT tracking_token AS t FROM orders WHERE reference = '${order.reference}'`,
    );
    const html = await (await fetch(`${app.url}/track/${t}`)).text();
    expect(html).toContain(upsNumber(6));
    expect(html).toContain(
      `<dt>Übergeben an Deutsche Post</dt><dd><a class="last-mile" href="${POST_URL.replace(/&/g, '&amp;')}" rel="noopener noreferrer">${POST_NUMBER}</a></dd>`,
    );
  });
});

describe('the shipping email', () => {
  it('names the handover and links the last-mile carrier once its number is known', () => {
    const base = {
      locale: 'en' as const,
      customerName: 'Ada',
      shop: 'Acme Shoes',
      productName: 'Trail Running Shoe',
      quantity: 1,
      carrierName: 'UPS',
      trackingNumber: '1Z5R89390357567001',
      carrierUrl: 'https://www.ups.com/track?tracknum=1Z5R89390357567001',
      shippedOn: '2026-01-02',
      trackItemUrl: 'https://ft.example/track/abc',
    };
    const before = renderShippedEmail(base);
    expect(before.text).toContain('Follow the parcel at the carrier: https://www.ups.com/track');
    const after = renderShippedEmail({
      ...base,
      lastMile: { carrierName: 'Deutsche Post', number: POST_NUMBER, url: POST_URL },
    });
    expect(after.text).toContain(
      `Tracking number: 1Z5R89390357567001\nHanded over to Deutsche Post: ${POST_NUMBER}`,
    );
    expect(after.text).toContain(`Follow the parcel at the carrier: ${POST_URL}`);
    expect(after.html).toContain(
      `<td>Handed over to Deutsche Post</td><td><a href="${POST_URL}">${POST_NUMBER}</a></td>`,
    );
  });
});
