/**
 * The gift-card service's own records: card balances and the holds placed on
 * them. A real integration would call its own service here; this one keeps
 * them in memory. Every change is answered once per idempotency key, as a
 * payment service must: a repeated key gets the first answer and moves
 * nothing again.
 */
export interface GiftCardHold {
  id: string;
  card: string;
  /** What the hold took from the balance when it was placed. */
  amount: number;
  captured: number;
  refunded: number;
  released: boolean;
}

export interface GiftCardLedger {
  /** Adds a card with a balance (minor units). */
  issue(card: string, balance: number): void;
  balance(card: string): number | undefined;
  hold(holdId: string): GiftCardHold | undefined;
  /** Places a hold of up to `amount` (what the balance allows); undefined when the card is unknown. */
  placeHold(key: string, card: string, amount: number): GiftCardHold | undefined;
  capture(key: string, holdId: string, amount: number): GiftCardHold;
  refund(key: string, holdId: string, amount: number): GiftCardHold;
  release(key: string, holdId: string): GiftCardHold;
}

export function giftCardLedger(): GiftCardLedger {
  const balances = new Map<string, number>();
  const holds = new Map<string, GiftCardHold>();
  const answered = new Map<string, GiftCardHold | undefined>();
  let next = 1;

  /** Runs `change` once per key; a repeated key answers what the first call did. */
  function once(key: string, change: () => GiftCardHold | undefined): GiftCardHold | undefined {
    if (answered.has(key)) {
      const first = answered.get(key);
      return first ? { ...first } : undefined;
    }
    const result = change();
    answered.set(key, result ? { ...result } : undefined);
    return result ? { ...result } : undefined;
  }
  function mustHold(holdId: string): GiftCardHold {
    const found = holds.get(holdId);
    if (!found) throw new Error(`No gift-card hold ${holdId}.`);
    return found;
  }
  function always(result: GiftCardHold | undefined): GiftCardHold {
    if (!result) throw new Error("The gift-card ledger lost a hold.");
    return result;
  }

  return {
    issue(card, balance) {
      balances.set(card, balance);
    },
    balance: (card) => balances.get(card),
    hold: (holdId) => {
      const found = holds.get(holdId);
      return found ? { ...found } : undefined;
    },
    placeHold: (key, card, amount) =>
      once(key, () => {
        const balance = balances.get(card);
        if (balance === undefined) return undefined;
        const taken = Math.min(balance, amount);
        balances.set(card, balance - taken);
        const hold: GiftCardHold = {
          id: `gch_${next++}`,
          card,
          amount: taken,
          captured: 0,
          refunded: 0,
          released: false,
        };
        holds.set(hold.id, hold);
        return hold;
      }),
    capture: (key, holdId, amount) =>
      always(
        once(key, () => {
          const hold = mustHold(holdId);
          if (hold.released || hold.captured + amount > hold.amount) {
            throw new Error(`Hold ${holdId} cannot take ${amount} more.`);
          }
          hold.captured += amount;
          return hold;
        }),
      ),
    refund: (key, holdId, amount) =>
      always(
        once(key, () => {
          const hold = mustHold(holdId);
          if (hold.refunded + amount > hold.captured) {
            throw new Error(`Hold ${holdId} has not captured ${amount} to refund.`);
          }
          hold.refunded += amount;
          balances.set(hold.card, (balances.get(hold.card) ?? 0) + amount);
          return hold;
        }),
      ),
    release: (key, holdId) =>
      always(
        once(key, () => {
          const hold = mustHold(holdId);
          if (!hold.released) {
            hold.released = true;
            // What was held and not captured goes back on the card.
            balances.set(hold.card, (balances.get(hold.card) ?? 0) + hold.amount - hold.captured);
          }
          return hold;
        }),
      ),
  };
}
