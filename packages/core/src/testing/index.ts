export {
  type ScriptedAnswer,
  type ScriptedCall,
  type ScriptedProvider,
  type ScriptedProviderSettings,
  scriptedProvider,
} from "./scripted-provider";
export { seededRandom } from "./seeded-random";
