import {
  DISPUTE_STATUSES,
  OPERATION_STATUSES,
  PAYMENT_COLLECTION_STATUSES,
  PAYMENT_SESSION_STATUSES,
  PAYMENT_STATUSES,
  type StoreTables,
  type TableName,
} from "@tender/core";
import { FieldReader } from "./read-fields";

type RecordDecoders = { readonly [K in TableName]: (row: unknown) => StoreTables[K] };

/** One guard per table: a row from the database becomes a record only when every field checks. */
export const decodeRecord: RecordDecoders = {
  payment_collections(row) {
    const r = new FieldReader("payment_collections", row);
    return {
      id: r.text("id"),
      created_at: r.date("created_at"),
      updated_at: r.date("updated_at"),
      currency_code: r.text("currency_code"),
      amount: r.integer("amount"),
      region_id: r.nullableText("region_id"),
      status: r.oneOf("status", PAYMENT_COLLECTION_STATUSES),
      authorized_amount: r.integer("authorized_amount"),
      captured_amount: r.integer("captured_amount"),
      refunded_amount: r.integer("refunded_amount"),
      disputed_amount: r.integer("disputed_amount"),
      completed_at: r.nullableDate("completed_at"),
      metadata: r.nullableObject("metadata"),
    };
  },
  payment_sessions(row) {
    const r = new FieldReader("payment_sessions", row);
    return {
      id: r.text("id"),
      created_at: r.date("created_at"),
      updated_at: r.date("updated_at"),
      payment_collection_id: r.text("payment_collection_id"),
      provider_id: r.text("provider_id"),
      currency_code: r.text("currency_code"),
      amount: r.integer("amount"),
      status: r.oneOf("status", PAYMENT_SESSION_STATUSES),
      raw_status: r.nullableText("raw_status"),
      data: r.object("data"),
      context: r.object("context"),
      next_action: r.nextAction("next_action"),
      error: r.sessionError("error"),
      authorized_at: r.nullableDate("authorized_at"),
      authorized_amount: r.nullableInteger("authorized_amount"),
      payment_id: r.nullableText("payment_id"),
      authorization_attempt: r.integer("authorization_attempt"),
      authorization_started_at: r.nullableDate("authorization_started_at"),
      provider_call: r.providerCall("provider_call"),
      provider_call_started_at: r.nullableDate("provider_call_started_at"),
      claimed_until: r.nullableDate("claimed_until"),
      metadata: r.nullableObject("metadata"),
    };
  },
  payments(row) {
    const r = new FieldReader("payments", row);
    return {
      id: r.text("id"),
      created_at: r.date("created_at"),
      updated_at: r.date("updated_at"),
      payment_collection_id: r.text("payment_collection_id"),
      payment_session_id: r.text("payment_session_id"),
      provider_id: r.text("provider_id"),
      currency_code: r.text("currency_code"),
      amount: r.integer("amount"),
      captured_amount: r.integer("captured_amount"),
      refunded_amount: r.integer("refunded_amount"),
      released_amount: r.integer("released_amount"),
      disputed_amount: r.integer("disputed_amount"),
      status: r.oneOf("status", PAYMENT_STATUSES),
      data: r.object("data"),
      capture_before: r.nullableDate("capture_before"),
      captured_at: r.nullableDate("captured_at"),
      canceled_at: r.nullableDate("canceled_at"),
      cancel_started_at: r.nullableDate("cancel_started_at"),
      cancel_attempt: r.integer("cancel_attempt"),
      increment_amount: r.nullableInteger("increment_amount"),
      increment_started_at: r.nullableDate("increment_started_at"),
      increment_attempt: r.integer("increment_attempt"),
      claimed_until: r.nullableDate("claimed_until"),
      expired_at: r.nullableDate("expired_at"),
      expiry_warned_at: r.nullableDate("expiry_warned_at"),
      surplus_at: r.nullableDate("surplus_at"),
      surplus_returning_at: r.nullableDate("surplus_returning_at"),
      risk_signals: r.riskSignals("risk_signals"),
      metadata: r.nullableObject("metadata"),
    };
  },
  captures(row) {
    const r = new FieldReader("captures", row);
    return {
      id: r.text("id"),
      created_at: r.date("created_at"),
      updated_at: r.date("updated_at"),
      payment_id: r.text("payment_id"),
      amount: r.integer("amount"),
      status: r.oneOf("status", OPERATION_STATUSES),
      created_by: r.nullableText("created_by"),
      idempotency_key: r.text("idempotency_key"),
      error: r.sessionError("error"),
      data: r.object("data"),
      claimed_until: r.nullableDate("claimed_until"),
    };
  },
  refunds(row) {
    const r = new FieldReader("refunds", row);
    return {
      id: r.text("id"),
      created_at: r.date("created_at"),
      updated_at: r.date("updated_at"),
      payment_id: r.text("payment_id"),
      amount: r.integer("amount"),
      status: r.oneOf("status", OPERATION_STATUSES),
      created_by: r.nullableText("created_by"),
      refund_reason_id: r.nullableText("refund_reason_id"),
      note: r.nullableText("note"),
      idempotency_key: r.text("idempotency_key"),
      error: r.sessionError("error"),
      data: r.object("data"),
      claimed_until: r.nullableDate("claimed_until"),
    };
  },
  disputes(row) {
    const r = new FieldReader("disputes", row);
    return {
      id: r.text("id"),
      created_at: r.date("created_at"),
      updated_at: r.date("updated_at"),
      payment_id: r.text("payment_id"),
      payment_collection_id: r.text("payment_collection_id"),
      provider_id: r.text("provider_id"),
      provider_dispute_id: r.text("provider_dispute_id"),
      amount: r.integer("amount"),
      currency_code: r.text("currency_code"),
      reason: r.nullableText("reason"),
      status: r.oneOf("status", DISPUTE_STATUSES),
      raw_status: r.text("raw_status"),
      evidence_due_by: r.nullableDate("evidence_due_by"),
      closed_at: r.nullableDate("closed_at"),
      data: r.object("data"),
    };
  },
  refund_reasons(row) {
    const r = new FieldReader("refund_reasons", row);
    return {
      id: r.text("id"),
      created_at: r.date("created_at"),
      updated_at: r.date("updated_at"),
      label: r.text("label"),
      code: r.text("code"),
      description: r.nullableText("description"),
      metadata: r.nullableObject("metadata"),
    };
  },
  account_holders(row) {
    const r = new FieldReader("account_holders", row);
    return {
      id: r.text("id"),
      created_at: r.date("created_at"),
      updated_at: r.date("updated_at"),
      provider_id: r.text("provider_id"),
      customer_id: r.text("customer_id"),
      external_id: r.text("external_id"),
      email: r.nullableText("email"),
      data: r.object("data"),
      metadata: r.nullableObject("metadata"),
    };
  },
  idempotency_keys(row) {
    const r = new FieldReader("idempotency_keys", row);
    return {
      id: r.text("id"),
      created_at: r.date("created_at"),
      updated_at: r.date("updated_at"),
      operation: r.text("operation"),
      request_hash: r.text("request_hash"),
      result_id: r.text("result_id"),
    };
  },
  webhook_events(row) {
    const r = new FieldReader("webhook_events", row);
    return {
      id: r.text("id"),
      created_at: r.date("created_at"),
      updated_at: r.date("updated_at"),
      provider_id: r.text("provider_id"),
      event_id: r.text("event_id"),
      action: r.text("action"),
      session_id: r.nullableText("session_id"),
    };
  },
  outbox_events(row) {
    const r = new FieldReader("outbox_events", row);
    return {
      id: r.text("id"),
      created_at: r.date("created_at"),
      updated_at: r.date("updated_at"),
      name: r.text("name"),
      aggregate_id: r.text("aggregate_id"),
      sequence: r.integer("sequence"),
      data: r.eventData("data"),
      attempts: r.integer("attempts"),
      available_at: r.date("available_at"),
      claimed_until: r.nullableDate("claimed_until"),
      parked_at: r.nullableDate("parked_at"),
      last_error: r.nullableText("last_error"),
    };
  },
};
