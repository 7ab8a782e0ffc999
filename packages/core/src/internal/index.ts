// Helpers sibling packages share with the core; not part of the public API.
export { matchesFilter, paginate } from "../store/filter-rows";
