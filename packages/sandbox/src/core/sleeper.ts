/** Timers that can all be cancelled at once, so closing the server does not wait on injected delays. */
export class Sleeper {
  private readonly pending = new Set<{ timer: ReturnType<typeof setTimeout>; resolve: (ran: boolean) => void }>();

  /** Resolves `true` after `ms`, or `false` as soon as `cancelAll` is called. */
  sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const entry = {
        resolve,
        timer: setTimeout(() => {
          this.pending.delete(entry);
          resolve(true);
        }, ms),
      };
      this.pending.add(entry);
    });
  }

  cancelAll(): void {
    for (const entry of this.pending) {
      clearTimeout(entry.timer);
      entry.resolve(false);
    }
    this.pending.clear();
  }
}
