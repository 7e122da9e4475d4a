import net from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InboundSmtp, startInboundSmtp } from '../src/notifications/inbound-smtp.js';
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
  app = await startTestApp({ inboundEmailDomain: 'in.test.example' });
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

describe('a mail whose order cannot take the tracking', () => {
  it('waits for review with the reason named by its message, so the UI words it in its own language', async () => {
    const partner = await newPartner();
    const order = await createOrder(partner.client, { reference: 'GONE-1' });
    await partner.client.gql(
      `mutation($i: CancelFulfillmentsInput!) { cancelFulfillments(input: $i) { changedCount } }`,
      { i: { ids: [order.fulfillments[0].id] } },
    );
    const { body } = await postMail(
      partner.token,
      rfc822(
        { Subject: 'Order GONE-1 shipped', 'Content-Type': 'text/plain' },
        `Tracking: ${upsNumber(22)}\r\n`,
      ),
    );
    expect(body.status).toBe('REVIEW');
    expect(body.findings.reasons).toEqual([
      {
        code: 'ORDER_REJECTED',
        params: {
          reference: 'GONE-1',
          problem: 'TRANSITION_NOT_ALLOWED',
          detail: "Tracking can't be set in status CANCELLED",
          detailVariant: 'trackingNotSettable',
          statuses: 'CANCELLED',
        },
        message: "GONE-1: Tracking can't be set in status CANCELLED",
      },
    ]);
    const { fulfillment } = await partner.client.gql(TRACKING, { id: order.fulfillments[0].id });
    expect(fulfillment).toEqual({ status: 'CANCELLED', tracking: null });
  });
});

describe('the forwarding address over SMTP', () => {
  let smtp: InboundSmtp;
  beforeAll(async () => {
    smtp = await startInboundSmtp(app.ds, {
      ...app.config,
      inboundSmtpPort: 0,
      inboundSmtpHost: '127.0.0.1',
    });
  });
  afterAll(() => smtp.close());
  const transport = () =>
    nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });

  it('a mail forwarded to the partner address is applied like one posted over HTTP', async () => {
    const partner = await newPartner();
    const order = await createOrder(partner.client, { reference: 'SMTP-1' });
    const { partners } = await partner.client.gql('{ partners { inboundEmailAddress inboundEmailUrl } }');
    expect(partners[0].inboundEmailAddress).toBe(`${partner.token}@in.test.example`);
    expect(partners[0].inboundEmailUrl).toBe(`${app.config.publicUrl}/inbound/email/${partner.token}`);
    const info = await transport().sendMail({
      from: 'Dispatch <dispatch@warehouse.example>',
      to: partners[0].inboundEmailAddress,
      subject: 'Fwd: Your order SMTP-1 has shipped',
      text: `Order SMTP-1\nTracking number: ${upsNumber(30)}\n`,
      html: `<table><tr><td>Order</td><td>SMTP-1</td></tr><tr><td>Tracking</td><td>${upsNumber(30)}</td></tr></table>`,
    });
    expect(info.accepted).toEqual([partners[0].inboundEmailAddress]);
    const { fulfillment } = await partner.client.gql(TRACKING, { id: order.fulfillments[0].id });
    expect(fulfillment).toMatchObject({ status: 'SHIPPED', tracking: { number: upsNumber(30) } });
    const { inboundEmails } = await partner.client.gql('{ inboundEmails { status sender subject } }');
    expect(inboundEmails).toEqual([
      {
        status: 'APPLIED',
        sender: 'dispatch@warehouse.example',
        subject: 'Fwd: Your order SMTP-1 has shipped',
      },
    ]);
  });

  it('an unknown mailbox or another domain is refused at RCPT with 550, and nothing is recorded', async () => {
    const partner = await newPartner();
    for (const to of ['not-a-real-token-at-all@in.test.example', `${partner.token}@elsewhere.example`]) {
      const error = await transport()
        .sendMail({ from: 'a@b.example', to, subject: 'x', text: upsNumber(31) })
        .catch((e: { responseCode: number; command: string }) => e);
      expect(error).toMatchObject({ responseCode: 550, command: 'RCPT TO' });
    }
    const { inboundEmails } = await partner.client.gql('{ inboundEmails { id } }');
    expect(inboundEmails).toEqual([]);
  });

  it('a message over the size limit is refused with 552, one announced too large already at MAIL', async () => {
    const partner = await newPartner();
    const error = await transport()
      .sendMail({
        from: 'a@b.example',
        to: `${partner.token}@in.test.example`,
        subject: 'big',
        text: 'x'.repeat(11 * 1024 * 1024),
      })
      .catch((e: { responseCode: number }) => e);
    expect(error).toMatchObject({ responseCode: 552 });
    expect(await smtpDialogue(smtp.port, ['EHLO test', 'MAIL FROM:<a@b.example> SIZE=20000000'])).toMatch(
      /^552 /m,
    );
    const { inboundEmails } = await partner.client.gql('{ inboundEmails { id } }');
    expect(inboundEmails).toEqual([]);
  });

  it('serves at most INBOUND_SMTP_MAX_CLIENTS connections at once', async () => {
    const one = await startInboundSmtp(app.ds, {
      ...app.config,
      inboundSmtpPort: 0,
      inboundSmtpHost: '127.0.0.1',
      inboundSmtpMaxClients: 1,
    });
    const first = net.connect(one.port, '127.0.0.1');
    await new Promise((r) => first.once('data', r));
    expect(await smtpDialogue(one.port, [])).toMatch(/^421 /);
    first.destroy();
    await one.close();
  });
});

/** A raw SMTP conversation: the server's greeting and its answers to `commands`, sent one by one. */
async function smtpDialogue(port: number, commands: string[]): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  let text = '';
  const next = () =>
    new Promise<void>((resolve) => {
      const onData = (chunk: Buffer) => {
        text += chunk.toString();
        // A reply is complete at a line "NNN text" (no dash after the code).
        if (/(^|\n)\d{3} [^\n]*\r\n$/.test(text)) {
          socket.off('data', onData);
          resolve();
        }
      };
      socket.on('data', onData);
      socket.once('close', () => resolve());
    });
  await next();
  for (const command of commands) {
    socket.write(`${command}\r\n`);
    await next();
  }
  socket.destroy();
  return text
    .split('\r\n')
    .filter((l) => /^\d{3} /.test(l))
    .slice(commands.length ? 1 : 0)
    .join('\n');
}

describe('the review list: apply to a chosen line, or dismiss', () => {
  const APPLY = `mutation($i: ApplyInboundEmailInput!) { applyInboundEmail(input: $i) {
    inboundEmail { status resolvedBy } fulfillment { status tracking { number } } userErrors { code field params } } }`;
  const DISMISS = `mutation($i: DismissInboundEmailInput!) { dismissInboundEmail(input: $i) {
    inboundEmail { status } userErrors { code } } }`;
  const waiting = async (client: Client, reference?: string) =>
    (
      await client.gql(
        `query($r: String) { inboundEmails(status: "REVIEW") { id trackingNumbers reasons { code params } lines(reference: $r) { id sku status } } }`,
        { r: reference ?? null },
      )
    ).inboundEmails;

  it("a partner applies a waiting email's number to a line of an order it chooses; the email leaves the list", async () => {
    const partner = await newPartner();
    const order = await createOrder(partner.client, { reference: 'ACME-77' });
    await postMail(
      partner.token,
      rfc822({ Subject: 'Shipped', 'Content-Type': 'text/plain' }, `Your parcel: ${upsNumber(40)}\r\n`),
    );
    const [mail] = await waiting(partner.client, 'ACME-77');
    expect(mail.reasons).toEqual([
      { code: 'NO_ORDER_FOR_NUMBERS', params: JSON.stringify({ numbers: upsNumber(40) }) },
    ]);
    expect(mail.lines).toEqual([
      { id: order.fulfillments[0].id, sku: 'SHOE-42', status: order.fulfillments[0].status },
    ]);
    const { applyInboundEmail } = await partner.client.gql(APPLY, {
      i: { inboundEmailId: mail.id, fulfillmentId: mail.lines[0].id, trackingNumber: upsNumber(40) },
    });
    expect(applyInboundEmail).toMatchObject({
      inboundEmail: { status: 'APPLIED' },
      fulfillment: { status: 'SHIPPED', tracking: { number: upsNumber(40) } },
      userErrors: [],
    });
    expect(await waiting(partner.client)).toEqual([]);
    const again = await partner.client.gql(APPLY, {
      i: { inboundEmailId: mail.id, fulfillmentId: mail.lines[0].id, trackingNumber: upsNumber(40) },
    });
    expect(again.applyInboundEmail.userErrors).toEqual([
      {
        code: 'TRANSITION_NOT_ALLOWED',
        field: ['input', 'inboundEmailId'],
        params: JSON.stringify({ variant: 'inboundNotInReview', status: 'APPLIED' }),
      },
    ]);
  });

  it("nobody reaches another partner's email or lines; a refused apply changes nothing", async () => {
    const a = await newPartner();
    const b = await newPartner();
    const bOrder = await createOrder(b.client, { reference: 'B-1' });
    await createOrder(a.client, { reference: 'A-1' });
    await postMail(
      a.token,
      rfc822({ Subject: 'x', 'Content-Type': 'text/plain' }, `Parcel ${upsNumber(41)}`),
    );
    const [mail] = await waiting(a.client);
    expect(await waiting(b.client)).toEqual([]);
    const fromB = await b.client.gql(APPLY, {
      i: { inboundEmailId: mail.id, fulfillmentId: bOrder.fulfillments[0].id, trackingNumber: upsNumber(41) },
    });
    expect(fromB.applyInboundEmail.userErrors[0].code).toBe('NOT_FOUND');
    expect(
      (await b.client.gql(DISMISS, { i: { inboundEmailId: mail.id } })).dismissInboundEmail.userErrors,
    ).toEqual([{ code: 'NOT_FOUND' }]);
    // Staff see every partner's lines, but a's email goes only on a's.
    const [asAdmin] = (
      await admin.gql(`query { inboundEmails(status: "REVIEW") { id lines(reference: "B-1") { id } } }`)
    ).inboundEmails.filter((m: { id: string }) => m.id === mail.id);
    expect(asAdmin.lines).toEqual([]);
    const fromAdmin = await admin.gql(APPLY, {
      i: { inboundEmailId: mail.id, fulfillmentId: bOrder.fulfillments[0].id, trackingNumber: upsNumber(41) },
    });
    expect(fromAdmin.applyInboundEmail.userErrors[0]).toMatchObject({
      code: 'NOT_FOUND',
      field: ['input', 'fulfillmentId'],
    });
    const { fulfillment } = await b.client.gql(TRACKING, { id: bOrder.fulfillments[0].id });
    expect(fulfillment).toEqual({ status: bOrder.fulfillments[0].status, tracking: null });
    const bad = await a.client.gql(APPLY, {
      i: {
        inboundEmailId: mail.id,
        fulfillmentId: (await waiting(a.client, 'A-1'))[0].lines[0].id,
        trackingNumber: '1Z5R89390357567410',
      },
    });
    expect(bad.applyInboundEmail.userErrors[0].code).toBe('INVALID_TRACKING_NUMBER');
    expect(await waiting(a.client)).toHaveLength(1);
    const dismissed = await admin.gql(DISMISS, { i: { inboundEmailId: mail.id } });
    expect(dismissed.dismissInboundEmail).toEqual({ inboundEmail: { status: 'DISMISSED' }, userErrors: [] });
    expect(await waiting(a.client)).toEqual([]);
  });
});
