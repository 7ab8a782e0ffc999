export {
  type ManualNextAction,
  type ManualProvider,
  type ManualProviderSettings,
  type ManualSessionData,
  manual,
} from "./manual-provider";
