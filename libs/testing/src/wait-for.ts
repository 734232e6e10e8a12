/** Polls `probe` until it returns a truthy value (which is returned) or the time runs out. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out waiting for ${options.what ?? 'condition'}${reason}`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
}

/**
 * Runs `attempt` until it succeeds; a failure that `shouldRetry` accepts is tried again after `intervalMs`, up to
 * `attempts` tries in all; any other failure, or the last one, is thrown as it is.
 */
export async function retrying<T>(
  attempt: () => Promise<T>,
  shouldRetry: (error: unknown) => boolean,
  options: { attempts: number; intervalMs: number },
): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!shouldRetry(error) || tried >= options.attempts) throw error;
      await new Promise((r) => setTimeout(r, options.intervalMs));
    }
  }
}
