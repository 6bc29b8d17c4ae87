/**
 * Reads until `done` says yes or `timeoutMs` has passed, and returns the last value read, so that the test's own
 * assertion on it shows what was there when waiting stopped (a timeout is not a failure by itself).
 */
export const eventually = async <T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
  pauseMs = 200,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((wait) => setTimeout(wait, pauseMs));
  }
};
