/**
 * The sandbox's virtual clock. Every timestamp the APIs send comes from it (never from wall
 * time), and it moves only when told to, so a run is reproducible.
 */
export class VirtualClock {
  private current: number;
  private readonly listeners: Array<(now: number) => void> = [];

  constructor(startMs: number) {
    this.current = startMs;
  }

  /** Milliseconds since the epoch, virtual. */
  now(): number {
    return this.current;
  }

  /** The virtual now as ISO-8601 UTC with `Z`. */
  iso(): string {
    return new Date(this.current).toISOString();
  }

  /** Moves forward by `ms` (>= 0) and tells every listener the new time. */
  advance(ms: number): void {
    this.current += ms;
    for (const listener of this.listeners) listener(this.current);
  }

  onAdvance(listener: (now: number) => void): void {
    this.listeners.push(listener);
  }
}
