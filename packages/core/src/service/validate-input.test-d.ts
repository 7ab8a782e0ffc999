import { describe, expectTypeOf, it } from "vitest";
import { fieldsOf } from "./validate-input";

interface Input {
  id: string;
  amount?: number;
}

describe("fieldsOf", () => {
  it("takes exactly the fields of the input type", () => {
    expectTypeOf(fieldsOf<Input>()(["id", "amount"])).toEqualTypeOf<readonly ["id", "amount"]>();
    // @ts-expect-error a field of the type is left out
    fieldsOf<Input>()(["id"]);
    // @ts-expect-error a name the type does not have
    fieldsOf<Input>()(["id", "amount", "amout"]);
  });
});
