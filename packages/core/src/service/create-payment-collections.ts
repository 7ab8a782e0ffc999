import { assertAmount } from "../money/assert-amount";
import { normalizeCurrencyCode } from "../money/currencies";
import { generateId } from "../records/generate-id";
import type { PaymentCollection } from "../records/records";
import { inTransaction, type ServiceContext } from "./service-context";
import {
  fieldsOf,
  optionalMetadata,
  optionalString,
  rejectUnknownKeys,
  requireObject,
} from "./validate-input";

export interface CreatePaymentCollectionInput {
  currency_code: string;
  /** What is owed, in the currency's minor unit (5000 usd = $50.00). */
  amount: number;
  region_id?: string;
  metadata?: Record<string, unknown>;
}

const FIELDS = fieldsOf<CreatePaymentCollectionInput>()([
  "currency_code",
  "amount",
  "region_id",
  "metadata",
]);

/** Creates one collection from one input, or one per input from an array; all or none. */
export async function createPaymentCollections(
  ctx: ServiceContext,
  input: unknown,
): Promise<PaymentCollection | PaymentCollection[]> {
  const inputs = Array.isArray(input) ? input : [input];
  const now = ctx.now();
  // Validate every input before writing any: bad input changes nothing.
  const records = inputs.map((item, index): PaymentCollection => {
    const where = Array.isArray(input)
      ? `createPaymentCollections(input[${index}])`
      : "createPaymentCollections(input)";
    const fields = requireObject(item, where);
    rejectUnknownKeys(fields, FIELDS, where);
    const currency_code = normalizeCurrencyCode(fields.currency_code);
    assertAmount(fields.amount, { field: "amount", min: 1 });
    return {
      id: generateId("paycol"),
      created_at: now,
      updated_at: now,
      currency_code,
      amount: fields.amount,
      region_id: optionalString(fields.region_id, "region_id") ?? null,
      status: "not_paid",
      authorized_amount: 0,
      captured_amount: 0,
      refunded_amount: 0,
      disputed_amount: 0,
      completed_at: null,
      metadata: optionalMetadata(fields.metadata, "metadata") ?? null,
    };
  });
  await inTransaction(ctx, async (uow) => {
    for (const collection of records) {
      await uow.tx.insert("payment_collections", collection);
      uow.emit("payment_collection.created", { collection });
    }
  });
  const [only] = records;
  return Array.isArray(input) || only === undefined ? records : only;
}
