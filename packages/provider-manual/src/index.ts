export { type ManualProvider, type ManualProviderSettings, manual } from "./manual-provider";
