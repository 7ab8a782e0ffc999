/** A promise a test opens by hand, to hold a transaction at one point. */
export function gate(): { closed: Promise<void>; open(): void } {
  let open: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { closed, open: () => open() };
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
