import { TenderError } from "../errors/tender-error";
import { generateId } from "../records/generate-id";
import { assertStorableText } from "../records/json-value";
import type { RefundReason } from "../records/records";
import { inTransaction, mustGet, type ServiceContext } from "./service-context";
import {
  fieldsOf,
  optionalMetadata,
  optionalString,
  rejectUnknownKeys,
  requireIds,
  requireObject,
} from "./validate-input";

export interface CreateRefundReasonInput {
  label: string;
  code: string;
  description?: string;
  metadata?: Record<string, unknown>;
}

const FIELDS = fieldsOf<CreateRefundReasonInput>()(["label", "code", "description", "metadata"]);

export async function createRefundReasons(
  ctx: ServiceContext,
  input: unknown,
): Promise<RefundReason | RefundReason[]> {
  const inputs = Array.isArray(input) ? input : [input];
  const now = ctx.now();
  const records = inputs.map((item): RefundReason => {
    const fields = requireObject(item, "createRefundReasons(input)");
    rejectUnknownKeys(fields, FIELDS, "createRefundReasons(input)");
    return {
      id: generateId("refr"),
      created_at: now,
      updated_at: now,
      label: requireText(fields.label, "label"),
      code: requireText(fields.code, "code"),
      description: optionalString(fields.description, "description") ?? null,
      metadata: optionalMetadata(fields.metadata, "metadata") ?? null,
    };
  });
  await inTransaction(ctx, async ({ tx }) => {
    for (const record of records) {
      const same = await tx.list("refund_reasons", { code: record.code }, { take: 1 });
      if (same.length > 0) {
        throw new TenderError({
          code: "duplicate",
          message: `A refund reason with code "${record.code}" exists already; codes are unique.`,
        });
      }
      await tx.insert("refund_reasons", record);
    }
  });
  const [only] = records;
  return Array.isArray(input) || only === undefined ? records : only;
}

export async function updateRefundReasons(
  ctx: ServiceContext,
  input: unknown,
): Promise<RefundReason> {
  const fields = requireObject(input, "updateRefundReasons(input)");
  rejectUnknownKeys(fields, ["id", ...FIELDS], "updateRefundReasons(input)");
  const id = requireText(fields.id, "id");
  const label = fields.label === undefined ? undefined : requireText(fields.label, "label");
  const description = optionalString(fields.description, "description");
  const metadata = optionalMetadata(fields.metadata, "metadata");
  if (fields.code !== undefined) {
    throw new TenderError({
      code: "invalid_argument",
      message:
        "A refund reason's code cannot change (refunds refer to it); create a new reason instead.",
    });
  }
  return inTransaction(ctx, async ({ tx }) => {
    await mustGet(tx, "refund_reasons", id);
    return tx.update("refund_reasons", id, {
      ...(label !== undefined ? { label } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(metadata !== undefined ? { metadata } : {}),
      updated_at: ctx.now(),
    });
  });
}

export async function deleteRefundReasons(ctx: ServiceContext, idsInput: unknown): Promise<void> {
  const ids = requireIds(idsInput, "deleteRefundReasons(ids)");
  await inTransaction(ctx, async ({ tx }) => {
    for (const id of ids) {
      await mustGet(tx, "refund_reasons", id);
      const used = await tx.list("refunds", { refund_reason_id: id }, { take: 1 });
      if (used.length > 0) {
        throw new TenderError({
          code: "invalid_state_transition",
          message: `Refund reason ${id} is used by refunds and cannot be deleted.`,
        });
      }
      await tx.delete("refund_reasons", id);
    }
  });
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== "string" || value.trim().length === 0) {
    throw new TenderError({
      code: "invalid_argument",
      message: `${field} must be a non-empty string.`,
    });
  }
  assertStorableText(value, field);
  return value;
}
