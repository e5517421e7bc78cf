/** Polls `probe` every 100 ms until it returns something truthy; throws after `seconds`, naming `what`. */
export async function waitFor<T>(
  probe: () => Promise<T | null | undefined>,
  seconds: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
