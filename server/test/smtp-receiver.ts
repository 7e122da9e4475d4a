import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on a free loopback port that keeps every mail it is handed, parsed. */
export class SmtpReceiver {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly mails: ParsedMail[],
  ) {}

  static async start(): Promise<SmtpReceiver> {
    const mails: ParsedMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 64 * 1024 * 1024,
      onData(stream, _session, done) {
        simpleParser(stream).then((m) => {
          mails.push(m);
          done();
        }, done);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new SmtpReceiver(server, (server.server.address() as AddressInfo).port, mails);
  }

  /** A nodemailer transport to this receiver, as a worker's SMTP_URL would give. */
  transport() {
    return nodemailer.createTransport({ host: '127.0.0.1', port: this.port, secure: false, ignoreTLS: true });
  }

  /** The mails addressed to `address`. */
  to(address: string): ParsedMail[] {
    return this.mails.filter((m) =>
      (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.text.includes(address)),
    );
  }

  close(): Promise<void> {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
