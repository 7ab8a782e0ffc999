/**
 * A seeded generator of numbers in [0, 1) (mulberry32): a test that draws
 * its cases from it replays them all from the seed it prints on failure.
 *
 * @example
 * ```ts
 * const next = seededRandom(20261204);
 * const amount = 1 + Math.floor(next() * 5000);
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
