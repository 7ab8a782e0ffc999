// The admin page's browser side: sends each payment's Capture, Refund and
// Cancel form to the admin JSON API, then reloads the page with the result
// in the status region (role="status").

const statusRegion = document.getElementById("admin-status");
const NOTICE = "tender-admin-notice";

const notice = sessionStorage.getItem(NOTICE);
if (notice) {
  sessionStorage.removeItem(NOTICE);
  statusRegion.dataset.state = "paid";
  statusRegion.textContent = notice;
}

const DONE = {
  capture: (payment) =>
    `Captured: ${payment.captured.formatted} of ${payment.amount.formatted} on ${payment.id}.`,
  refund: (payment) =>
    `Refunded: ${payment.refunded.formatted} of ${payment.captured.formatted} on ${payment.id}.`,
  cancel: (payment) => `Canceled: ${payment.id} released ${payment.amount.formatted}.`,
};

for (const form of document.querySelectorAll("form[data-payment-action]")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const action = form.dataset.paymentAction;
    const body = Object.fromEntries(new FormData(form));
    const button = form.querySelector("button");
    button.disabled = true;
    statusRegion.dataset.state = "processing";
    statusRegion.textContent = "Working…";
    const response = await fetch(
      `/api/admin/payments/${encodeURIComponent(form.dataset.paymentId)}/${action}`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      },
    );
    const json = await response.json().catch(() => ({}));
    if (response.ok) {
      sessionStorage.setItem(NOTICE, DONE[action](json.payment));
      window.location.reload();
      return;
    }
    statusRegion.dataset.state = "error";
    statusRegion.textContent = `Refused (${json.error?.code ?? response.status}): ${json.error?.message ?? "the server failed."}`;
    button.disabled = false;
  });
}
