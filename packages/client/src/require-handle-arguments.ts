import { describeValue } from "./describe-value";
import { invalidArgument } from "./validate-arguments";

/**
 * What a handle's constructor needs: the service it calls and a record with
 * an id. Handles come from the client's calls; a JavaScript caller building
 * one by hand is told where they come from instead of failing on first use.
 */
export function requireHandleArguments(service: unknown, record: unknown, where: string): void {
  if (!isService(service)) {
    throw invalidArgument(
      `${where}: service must be a PaymentModuleService (tender.service); got ${describeValue(service)}. Handles come from the client: tender.collection(id), tender.session(id), tender.payment(id).`,
    );
  }
  const id = typeof record === "object" && record !== null ? Reflect.get(record, "id") : undefined;
  if (typeof id !== "string" || id.length === 0) {
    throw invalidArgument(
      `${where}: record must be a record read from the service, with its id; got ${describeValue(record)}. To resume from a stored id, call tender.collection(id), tender.session(id) or tender.payment(id).`,
    );
  }
}

function isService(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof Reflect.get(value, "retrievePayment") === "function" &&
    typeof Reflect.get(value, "capturePayment") === "function"
  );
}
