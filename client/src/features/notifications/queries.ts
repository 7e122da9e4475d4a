import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  InboundEmailsQuery,
  InboundEmailsQueryVariables,
  MailMessagesQuery,
  MailMessagesQueryVariables,
  OutboxMessagesQuery,
  OutboxMessagesQueryVariables,
  RetryOutboxMessageMutation,
  RetryOutboxMessageMutationVariables,
} from '../../gql/generated';

export type MailMessage = MailMessagesQuery['mailMessages'][number];

export const MAIL_MESSAGES: TypedDocumentNode<MailMessagesQuery, MailMessagesQueryVariables> = gql`
  query MailMessages($first: Int) {
    mailMessages(first: $first) {
      id
      createdAt
      recipients
      subject
      status
      topic
      locale
      text
      html
    }
  }
`;

// The outbox fields (id kind topic status attempts lastError responseCode createdAt sentAt nextAttemptAt)
// are written out in each operation, so code generation sees the whole selection.
export const OUTBOX_MESSAGES: TypedDocumentNode<OutboxMessagesQuery, OutboxMessagesQueryVariables> = gql`
  query OutboxMessages($status: String, $first: Int) {
    outboxMessages(status: $status, first: $first) {
      id
      kind
      topic
      status
      attempts
      lastError
      responseCode
      createdAt
      sentAt
      nextAttemptAt
    }
  }
`;

export const RETRY_OUTBOX_MESSAGE: TypedDocumentNode<
  RetryOutboxMessageMutation,
  RetryOutboxMessageMutationVariables
> = gql`
  mutation RetryOutboxMessage($input: RetryOutboxMessageInput!) {
    retryOutboxMessage(input: $input) {
      message {
        id
        kind
        topic
        status
        attempts
        lastError
        responseCode
        createdAt
        sentAt
        nextAttemptAt
      }
      userErrors {
        field
        code
        message
        params
      }
    }
  }
`;

export type InboundEmail = InboundEmailsQuery['inboundEmails'][number];

export const INBOUND_EMAILS: TypedDocumentNode<InboundEmailsQuery, InboundEmailsQueryVariables> = gql`
  query InboundEmails($status: String, $first: Int) {
    inboundEmails(status: $status, first: $first) {
      id
      receivedAt
      sender
      subject
      status
      trackingNumbers
      orderReferences
      reason
      reasons {
        code
        message
        params
        orderReference
      }
      bodyText
    }
  }
`;
