// Helpers sibling packages share with the core; not part of the public API.
export { isBefore, matchesFilter, paginate } from "../store/filter-rows";
export { childrenOf, TABLE_NAMES, TABLE_PARENTS } from "../store/table-parents";
