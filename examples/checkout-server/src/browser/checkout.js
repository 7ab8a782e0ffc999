// The checkout's browser side, no framework: pays through the storefront's
// JSON API, and keeps the status region (role="status") current from the
// collection's Server-Sent Events.

const statusRegion = document.getElementById("status");

function showStatus(state, message) {
  statusRegion.dataset.state = state;
  statusRegion.textContent = message;
}

/** Follows a collection's events; the browser reconnects by itself (after a server restart, say). */
function follow(collectionId) {
  const events = new EventSource(`/events/collections/${encodeURIComponent(collectionId)}`);
  events.addEventListener("status", (event) => {
    const status = JSON.parse(event.data);
    showStatus(status.state, status.message);
  });
  return events;
}

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  const json = await response.json().catch(() => ({}));
  return { ok: response.ok, json };
}

/** The sentence to show for a refused step: the checkout's own, else Tender's message. */
function failureMessage(json) {
  return json.checkout?.message ?? json.error?.message ?? "Something went wrong; please try again.";
}

function orderPage(collectionId) {
  return `/checkout/return?collection=${encodeURIComponent(collectionId)}`;
}

const followed = document.querySelector("[data-follow-collection]");
if (followed) follow(followed.dataset.followCollection);

const form = document.getElementById("checkout");
if (form) {
  const items = JSON.parse(form.dataset.items);
  let collectionId = form.dataset.collection || null;
  const payButton = form.querySelector('button[type="submit"]');
  const cardChoice = document.getElementById("card-choice");
  const testCard = document.getElementById("test-card");

  const chosenProvider = () => form.elements.provider.value;
  const showCardChoice = () => {
    cardChoice.hidden = chosenProvider() !== "stripe";
  };
  form.addEventListener("change", showCardChoice);
  showCardChoice();

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    payButton.disabled = true;
    showStatus("processing", "Paying…");
    try {
      if (collectionId === null) {
        const created = await post("/api/checkout/collections", { items });
        if (!created.ok) throw created.json;
        collectionId = created.json.collection.id;
        form.dataset.collection = collectionId;
      }
      const provider = chosenProvider();
      const opened = await post(
        `/api/checkout/collections/${encodeURIComponent(collectionId)}/sessions`,
        provider === "stripe" ? { provider, payment_method: testCard.value } : { provider },
      );
      if (!opened.ok) throw opened.json;
      const authorized = await post(
        `/api/checkout/sessions/${encodeURIComponent(opened.json.session.id)}/authorize`,
      );
      if (!authorized.ok) throw authorized.json;
      const { outcome, redirect_url: redirectUrl, checkout } = authorized.json;
      if (outcome === "requires_more" && redirectUrl) {
        showStatus("needs_action", "Taking you to confirm the payment…");
        window.location.assign(redirectUrl);
        return;
      }
      if (outcome === "requires_more") {
        showStatus(checkout.state, checkout.message);
        payButton.disabled = false;
        return;
      }
      // Authorized, or processing until a webhook says more: the order page follows it.
      window.location.assign(orderPage(collectionId));
    } catch (failure) {
      showStatus("declined", failureMessage(failure ?? {}));
      payButton.disabled = false;
    }
  });
}
