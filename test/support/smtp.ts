import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { MailTransport } from '../../src/modules/outbox/worker.js';

/** A real SMTP server in the test process: it keeps every message it receives, parsed. */
export class TestSmtpServer {
  readonly received: ParsedMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;
  /** addresses the server refuses with 550, like a mailbox that does not exist */
  rejectRecipients = new Set<string>();

  async start(port = 0): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (this.rejectRecipients.has(address.address)) {
          const error = new Error('No such mailbox') as Error & { responseCode: number };
          error.responseCode = 550;
          callback(error);
        } else callback();
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.received.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    const address = this.server.server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  transport(): MailTransport {
    return nodemailer.createTransport({ host: '127.0.0.1', port: this.port, secure: false, ignoreTLS: true, connectionTimeout: 2000 });
  }
}
