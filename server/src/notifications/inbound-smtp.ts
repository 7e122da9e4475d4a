import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { systemContext } from '../auth/context.js';
import type { Config } from '../config.js';
import { faultForLog } from '../db/errors.js';
import {
  INBOUND_MAX_BYTES,
  partnerByInboundToken,
  receiveInboundEmail,
  UnreadableEmail,
} from './inbound-email.service.js';

/** Recipients one message may name; a forward names one partner's address, a few at most. */
const MAX_RECIPIENTS = 10;

export interface InboundSmtp {
  port: number;
  close: () => Promise<void>;
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** The partner token a recipient address names, if it is one of ours: `<token>@<domain>`. */
function tokenOf(address: string, domain: string): string | null {
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.slice(at + 1).toLowerCase() !== domain) return null;
  return address.slice(0, at);
}

/**
 * The SMTP side of the partners' forwarding addresses: mail to
 * `<token>@<INBOUND_EMAIL_DOMAIN>` is processed as a POST to
 * /inbound/email/<token> would be. An unknown address is refused at RCPT
 * (550), a message over the size limit at MAIL (SIZE) or after DATA (552);
 * at most `inboundSmtpMaxClients` connections are served at once. No relay,
 * no AUTH: the token in the address is the credential, as in the URL.
 */
export async function startInboundSmtp(ds: DataSource, config: Config): Promise<InboundSmtp> {
  const ctx = () => systemContext(ds, config);
  const server = new SMTPServer({
    name: config.inboundEmailDomain,
    banner: 'Fulfillment tracking inbound mail',
    size: INBOUND_MAX_BYTES,
    maxClients: config.inboundSmtpMaxClients,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    logger: false,
    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback) {
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS)
        return callback(smtpError(452, `At most ${MAX_RECIPIENTS} recipients per message`));
      const token = tokenOf(address.address, config.inboundEmailDomain);
      if (!token) return callback(smtpError(550, `${address.address}: no such mailbox here`));
      partnerByInboundToken(ctx(), token).then(
        (partner) =>
          partner ? callback() : callback(smtpError(550, `${address.address}: no such mailbox here`)),
        (error: unknown) => {
          console.error('[inbound-smtp] recipient check failed:', faultForLog(error));
          callback(smtpError(451, 'Try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        // Past the limit the rest is only counted: the message is refused once it has been read.
        if (bytes <= INBOUND_MAX_BYTES) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || bytes > INBOUND_MAX_BYTES)
          return callback(smtpError(552, `Message larger than ${INBOUND_MAX_BYTES} bytes`));
        const raw = Buffer.concat(chunks);
        const tokens = [
          ...new Set(
            session.envelope.rcptTo
              .map((r) => tokenOf(r.address, config.inboundEmailDomain))
              .filter((t): t is string => t !== null),
          ),
        ];
        void (async () => {
          for (const token of tokens) await receiveInboundEmail(ctx(), token, raw);
        })().then(
          () => callback(null, 'Received'),
          (error: unknown) => {
            if (error instanceof UnreadableEmail)
              return callback(smtpError(550, 'This is not an email we can read'));
            console.error('[inbound-smtp] could not process a message:', faultForLog(error));
            callback(smtpError(451, 'Try again later'));
          },
        );
      });
    },
  });
  server.on('error', (error) => console.error('[inbound-smtp]', error.message));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.inboundSmtpPort ?? 0, config.inboundSmtpHost, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
