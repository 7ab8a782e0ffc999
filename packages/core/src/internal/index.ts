// Helpers sibling packages share with the core; not part of the public API.

export {
  PACKED_EVENT_DATA_FORMAT,
  PACKED_RECORD_TABLES,
  packEventData,
  unpackEventData,
} from "../events/packed-event-data";
export { checkAnswers, isContractViolation } from "../provider/check-answers";
export { OPEN_HOLD_STATUSES } from "../records/statuses";
export { isRiskSignal } from "../service/risk-signals";
export { fieldsOf } from "../service/validate-input";
export { assertStorableFields } from "../store/assert-storable-fields";
export { cloneRecord } from "../store/clone-record";
export { isBefore, matchesFilter, paginate } from "../store/filter-rows";
export {
  aggregateTables,
  childrenOf,
  type FieldKind,
  TABLE_NAMES,
  TABLES,
  type TableDeclaration,
} from "../store/tables";
