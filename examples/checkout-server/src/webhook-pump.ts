/** A webhook request as a fake provider sends it. */
export interface WebhookDelivery {
  headers: Record<string, string>;
  rawBody: string;
}

/** A fake provider whose pending events go to one of this server's webhook endpoints. */
export interface WebhookSource {
  /** The endpoint on this server: `/webhooks/stripe`. */
  path: string;
  /** The fake's `deliver`: sends its pending events to `target` in order, stopping at a refused one. */
  deliver(target: (delivery: WebhookDelivery) => Promise<{ status: number }>): Promise<unknown>;
}

export interface WebhookPump {
  /** Starts the rounds, to this server's address once it listens. */
  start(baseUrl: string): void;
  /** Delivers every pending event now; resolves when done (a refused one waits for the next round). */
  deliverNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Sends the fakes' webhook events to this server's own endpoints over HTTP,
 * as Stripe and PayPal would: on a timer, so an event reaches the server a
 * little after the change that made it (and after the customer's redirect,
 * often), and again on the next round when the endpoint answered non-2xx.
 */
export function createWebhookPump(options: {
  sources: readonly WebhookSource[];
  /** How often to deliver; `null`: only when `deliverNow()` is called. */
  everyMs: number | null;
  log: (line: string) => void;
}): WebhookPump {
  let chain: Promise<void> = Promise.resolve();
  let baseUrl: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  const lastFailure = new Map<string, string>();

  const deliverAll = async () => {
    if (baseUrl === null) return;
    for (const source of options.sources) {
      const target = async ({ headers, rawBody }: WebhookDelivery) => {
        const response = await fetch(`${baseUrl}${source.path}`, {
          method: "POST",
          headers,
          body: rawBody,
        });
        await response.arrayBuffer();
        return { status: response.status };
      };
      try {
        await source.deliver(target);
        lastFailure.delete(source.path);
      } catch (error) {
        // Said once per distinct failure: the same refusal comes back every round until it clears.
        const message = error instanceof Error ? error.message : String(error);
        if (lastFailure.get(source.path) !== message) {
          options.log(`webhook ${source.path}: ${message} Retrying.`);
          lastFailure.set(source.path, message);
        }
      }
    }
  };

  const deliverNow = () => {
    const round = chain.then(deliverAll);
    chain = round;
    return round;
  };
  return {
    start(url) {
      baseUrl = url;
      if (options.everyMs === null) return;
      timer = setInterval(() => void deliverNow(), options.everyMs);
      timer.unref();
    },
    deliverNow,
    async stop() {
      clearInterval(timer);
      await chain;
      baseUrl = null;
    },
  };
}
