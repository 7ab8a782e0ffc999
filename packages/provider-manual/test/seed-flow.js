// The accept-payment flow as the project's seed wrote it (its four code
// blocks, verbatim), wrapped in one function per block so a test can run
// them: this file is the specification of the seed's API. Kept as plain
// JavaScript and left unformatted so it stays what the seed shows.
// Lines we added around the seed's code end in "(added)".

export async function createCollection(paymentModuleService) { // (added)
const paymentCollection =
  await paymentModuleService.createPaymentCollections({
    region_id: "reg_123",
    currency_code: "usd",
    amount: 5000,
  })
return paymentCollection // (added)
} // (added)

export async function createSession(paymentModuleService, paymentCollection) { // (added)
const paymentSession =
  await paymentModuleService.createPaymentSession(
    paymentCollection.id,
    {
      provider_id: "stripe",
      currency_code: "usd",
      amount: 5000,
      data: {
        // any necessary data for the
        // payment provider
      },
    }
  )
return paymentSession // (added)
} // (added)

export async function authorize(paymentModuleService, paymentSession) { // (added)
const payment =
  await paymentModuleService.authorizePaymentSession(
    paymentSession.id,
    {}
  )
return payment // (added)
} // (added)

export async function authorizeHandlingAdditionalAction(paymentModuleService, paymentSession, onRequiresMore) { // (added)
try {
  const payment =
    await paymentModuleService.authorizePaymentSession(
      paymentSession.id,
      {}
    )
  return payment // (added)
} catch (e) {
  // retrieve the payment session again
  const updatedPaymentSession = (
    await paymentModuleService.listPaymentSessions({
      id: [paymentSession.id],
    })
  )[0]

  if (updatedPaymentSession.status === "requires_more") {
    // TODO perform required action
    // TODO authorize payment again.
    return onRequiresMore(updatedPaymentSession, e) // (added)
  }
  throw e // (added)
}
} // (added)
