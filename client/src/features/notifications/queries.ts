import { typed, type UserError } from '../../app/gql';

export interface MailMessage {
  id: string;
  createdAt: string;
  recipients: string;
  subject: string;
  status: string;
  topic: string;
  locale: string;
  text: string;
  html: string;
}

export const MAIL_MESSAGES = typed<{ mailMessages: MailMessage[] }, { first: number }>`
  query MailMessages($first: Int) {
    mailMessages(first: $first) { id createdAt recipients subject status topic locale text html }
  }
`;

export interface OutboxMessage {
  id: string;
  kind: string;
  topic: string;
  status: string;
  attempts: number;
  lastError: string | null;
  responseCode: number | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
}

export const OUTBOX_FIELDS = 'id kind topic status attempts lastError responseCode createdAt sentAt nextAttemptAt';

export const OUTBOX_MESSAGES = typed<{ outboxMessages: OutboxMessage[] }, { status: string | null; first: number }>`
  query OutboxMessages($status: String, $first: Int) {
    outboxMessages(status: $status, first: $first) { ${OUTBOX_FIELDS} }
  }
`;

export const RETRY_OUTBOX_MESSAGE = typed<
  { retryOutboxMessage: { message: OutboxMessage | null; userErrors: UserError[] } },
  { input: { id: string } }
>`
  mutation RetryOutboxMessage($input: RetryOutboxMessageInput!) {
    retryOutboxMessage(input: $input) {
      message { ${OUTBOX_FIELDS} }
      userErrors { field code message }
    }
  }
`;

export interface InboundEmail {
  id: string;
  receivedAt: string;
  sender: string | null;
  subject: string | null;
  status: string;
  trackingNumbers: string[];
  orderReferences: string[];
  reason: string | null;
  bodyText: string;
}

export const INBOUND_EMAILS = typed<{ inboundEmails: InboundEmail[] }, { status: string; first: number }>`
  query InboundEmails($status: String, $first: Int) {
    inboundEmails(status: $status, first: $first) { id receivedAt sender subject status trackingNumbers orderReferences reason bodyText }
  }
`;
