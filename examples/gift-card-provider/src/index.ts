export { type GiftCardHold, type GiftCardLedger, giftCardLedger } from "./gift-card-ledger";
export { type GiftCardSessionData, type GiftCardSettings, giftCard } from "./gift-card-provider";
