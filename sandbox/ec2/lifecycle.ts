// Timed state changes (endpoint pending → available, deleting → deleted, lingering interfaces
// going away). Each change is due at a time on the injected clock; `advance()` applies what is
// due. A real timer calls it at the next due time, and every request calls it first, so a
// test clock that jumps ahead is honoured at the next request.

interface Transition {
  at: number;
  key: string;
  apply: () => void;
}

export class Lifecycle {
  private transitions: Transition[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly now: () => number,
    private readonly onApplied: () => void,
  ) {}

  /** Schedules `apply` after `delayMs`; `key` groups transitions so they can be cancelled together. */
  schedule(key: string, delayMs: number, apply: () => void): void {
    this.transitions.push({ at: this.now() + Math.max(0, delayMs), key, apply });
    this.transitions.sort((a, b) => a.at - b.at);
    this.arm();
  }

  cancel(key: string): void {
    this.transitions = this.transitions.filter((t) => t.key !== key);
    this.arm();
  }

  /** Applies every transition that is due; returns whether anything changed. */
  advance(): boolean {
    const now = this.now();
    let applied = false;
    while (this.transitions.length > 0 && this.transitions[0].at <= now) {
      const next = this.transitions.shift() as Transition;
      next.apply();
      applied = true;
    }
    if (applied) this.onApplied();
    this.arm();
    return applied;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.transitions = [];
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed || this.transitions.length === 0) return;
    // At least a few ms, so a clock that does not move (a test clock) cannot spin the loop.
    const wait = Math.max(5, this.transitions[0].at - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.advance();
    }, wait);
    this.timer.unref();
  }
}
