// When to ask EC2 again: often while an endpoint is changing, rarely when all are stable, never
// while the window is unfocused or nothing is watched. Pure, so the budget can be measured.

export interface PollIntervals {
  pendingSeconds: number;
  maxPendingSeconds: number;
  stableSeconds: number;
}

export interface PollSituation {
  watched: number;
  anyUnsettled: boolean;
  focused: boolean;
}

const BACKOFF = 1.5;

export class PollScheduler {
  private unsettledStreak = 0;

  constructor(private intervals: PollIntervals) {}

  setIntervals(intervals: PollIntervals): void {
    this.intervals = intervals;
  }

  /** Milliseconds until the next poll, or undefined to stay paused. Call once per poll. */
  nextDelayMs(situation: PollSituation): number | undefined {
    if (!situation.watched || !situation.focused) return undefined;
    if (!situation.anyUnsettled) {
      this.unsettledStreak = 0;
      return this.intervals.stableSeconds * 1000;
    }
    const seconds = Math.min(this.intervals.pendingSeconds * BACKOFF ** this.unsettledStreak, Math.max(this.intervals.maxPendingSeconds, this.intervals.pendingSeconds));
    this.unsettledStreak++;
    return Math.round(seconds * 1000);
  }

  /** A change worth watching closely again (a new endpoint, a delete) restarts the back-off. */
  reset(): void {
    this.unsettledStreak = 0;
  }
}
