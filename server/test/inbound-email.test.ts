import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createOrder,
  createPartner,
  signIn,
  startTestApp,
  upsNumber,
  type TestApp,
} from './harness.js';

let app: TestApp;
let admin: Client;

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
});
afterAll(() => app.stop());

/** A partner of its own (its own rate bucket) and the secret token of its forwarding address. */
async function newPartner() {
  const partner = await createPartner(admin, app);
  const [{ token }] = await app.ds.query(
    'SELECT inbound_token AS token FROM partner ORDER BY id DESC LIMIT 1',
  );
  return { ...partner, token: token as string };
}

function rfc822(headers: Record<string, string>, body: string): string {
  return [
    ...Object.entries({ From: 'Dispatch <dispatch@warehouse.example>', ...headers }).map(
      ([k, v]) => `${k}: ${v}`,
    ),
    '',
    body,
  ].join('\r\n');
}

async function postMail(token: string, raw: string) {
  const res = await fetch(`${app.url}/inbound/email/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822' },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as any };
}

const TRACKING = `query($id: ID!) { fulfillment(id: $id) { status tracking { number carrier { code } } } }`;

describe('tracking numbers in a forwarded email', () => {
  it('takes the UPS number whole, never a number from inside it', async () => {
    const partner = await newPartner();
    const order = await createOrder(partner.client, { reference: 'NUM-1' });
    const raw = rfc822(
      { Subject: 'Your order NUM-1 has shipped', 'Content-Type': 'text/plain; charset=utf-8' },
      'Hello,\r\n\r\nyour order NUM-1 is on its way.\r\nUPS tracking number: 1Z999AA10201425427\r\n',
    );
    const { status, body } = await postMail(partner.token, raw);
    expect(status).toBe(202);
    expect(body.findings.trackingNumbers).toEqual(['1Z999AA10201425427']);
    expect(body.status).toBe('APPLIED');
    const { fulfillment } = await partner.client.gql(TRACKING, { id: order.fulfillments[0].id });
    expect(fulfillment).toEqual({
      status: 'SHIPPED',
      tracking: { number: '1Z999AA10201425427', carrier: { code: 'ups' } },
    });
  });

  it('a number counts only between token boundaries: glued into a word or a longer number it is not one', async () => {
    const partner = await newPartner();
    await createOrder(partner.client, { reference: 'NUM-2' });
    const raw = rfc822(
      { Subject: 'NUM-2', 'Content-Type': 'text/plain' },
      `Order NUM-2\r\nInvoice X${upsNumber(1)}\r\nCode 99${upsNumber(2)}77\r\n`,
    );
    const { body } = await postMail(partner.token, raw);
    expect(body.findings.trackingNumbers).toEqual([]);
    expect(body.status).toBe('REVIEW');
  });

  it('a number written in groups counts once, as the whole number', async () => {
    const partner = await newPartner();
    await createOrder(partner.client, { reference: 'NUM-3' });
    const grouped = '1Z 999 AA1 02 0142 5427';
    const { body } = await postMail(
      partner.token,
      rfc822({ Subject: 'Shipped', 'Content-Type': 'text/plain' }, `Order NUM-3\r\nTracking: ${grouped}\r\n`),
    );
    expect(body.findings.trackingNumbers).toEqual(['1Z999AA10201425427']);
    expect(body.status).toBe('APPLIED');
  });
});

describe('an HTML-only shipping email', () => {
  it('keeps table cells and rows apart, so the reference and the number are found and applied', async () => {
    const partner = await newPartner();
    const order = await createOrder(partner.client, { reference: 'WH-20931' });
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Dispatch</title>
<style>td { font-family: Arial; } .muted { color: #888; }</style></head>
<body style="margin:0"><table width="100%" cellpadding="0" cellspacing="0" role="presentation"><tr><td align="center">
<table width="600" class="container"><tr><td><img src="https://warehouse.example/logo.png" alt="Warehouse"></td></tr>
<tr><td><h1 style="font-size:20px">Your shipment is on its&nbsp;way</h1></td></tr>
<tr><td><table class="details"><tr><th align="left">REFERENCE</th><td><strong>WH-20931</strong></td></tr>
<tr><th align="left">CARRIER</th><td>UPS&nbsp;Standard</td></tr>
<tr><th align="left">TRACKING</th><td><a href="https://www.ups.com/track?tracknum=${upsNumber(11)}&amp;loc=de_DE">${upsNumber(11)}</a></td></tr>
<tr><th align="left">PACKAGES</th><td>1</td></tr></table></td></tr>
<tr><td class="muted">Questions? Call +49&nbsp;30&nbsp;1234&nbsp;5678 &middot; Warehouse GmbH &amp; Co. KG</td></tr>
</table></td></tr></table></body></html>`;
    const raw = rfc822(
      {
        Subject: 'Shipment notification',
        'MIME-Version': '1.0',
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Transfer-Encoding': 'quoted-printable',
      },
      html.replace(/=/g, '=3D'),
    );
    const { body } = await postMail(partner.token, raw);
    expect(body).toMatchObject({
      status: 'APPLIED',
      findings: { trackingNumbers: [upsNumber(11)], references: ['WH-20931'] },
    });
    const { fulfillment } = await partner.client.gql(TRACKING, { id: order.fulfillments[0].id });
    expect(fulfillment.tracking.number).toBe(upsNumber(11));
    const { inboundEmails } = await partner.client.gql('{ inboundEmails { bodyText } }');
    expect(inboundEmails[0].bodyText).toMatch(/^REFERENCE\tWH-20931$/m);
    expect(inboundEmails[0].bodyText).not.toMatch(/<|&nbsp;|font-family/);
  });
});

describe('order references as shops write them', () => {
  const cases: [stored: string, written: string][] = [
    ['#1052', 'Your order #1052 has shipped'],
    ['1053', 'Order #1053 is on its way'],
    ['1054', 'Order no. 1054 has been dispatched'],
    ['1055', 'Ihre Bestellung 1055 wurde versandt'],
    ['1056', 'Bestellnummer: 1056'],
    ['NT-1057', 'Bestellnummer: 1057'],
    ['SHOP1058', 'Order #1058'],
    ['#59', 'Order #59'],
  ];
  it.each(cases)('%s is found in "%s"', async (stored, written) => {
    const partner = await newPartner();
    await createOrder(partner.client, { reference: `${stored}` });
    await createOrder(partner.client, { reference: `X-${stored}-other` });
    const { body } = await postMail(
      partner.token,
      rfc822(
        { Subject: 'Shipping confirmation', 'Content-Type': 'text/plain' },
        `${written}.\r\n\r\nTracking: ${upsNumber(20)}\r\n`,
      ),
    );
    expect(body).toMatchObject({ status: 'APPLIED', findings: { references: [stored] } });
  });

  it("a number that ends two of the partner's references names neither", async () => {
    const partner = await newPartner();
    await createOrder(partner.client, { reference: 'NT-2001' });
    await createOrder(partner.client, { reference: 'EU-2001' });
    const { body } = await postMail(
      partner.token,
      rfc822(
        { Subject: 'Order #2001 shipped', 'Content-Type': 'text/plain' },
        `Tracking: ${upsNumber(21)}\r\n`,
      ),
    );
    expect(body).toMatchObject({ status: 'REVIEW', findings: { references: [] } });
    expect(body.findings.reasons).toEqual([
      {
        code: 'NO_ORDER_FOR_NUMBERS',
        params: { numbers: upsNumber(21) },
        message: `No order found for ${upsNumber(21)}`,
      },
    ]);
  });
});
