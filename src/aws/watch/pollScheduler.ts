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

/** Bounds and defaults, the same as package.json's schema: a 0 or NaN interval would poll EC2 in a tight loop. */
export const POLL_BOUNDS: Readonly<Record<keyof PollIntervals, { min: number; max: number; fallback: number }>> = {
  pendingSeconds: { min: 2, max: 600, fallback: 10 },
  maxPendingSeconds: { min: 5, max: 3600, fallback: 60 },
  stableSeconds: { min: 30, max: 86_400, fallback: 300 },
};

/** Settings as typed by the user (any JSON) → intervals within POLL_BOUNDS; non-numbers get the default. */
export function clampPollIntervals(raw: Readonly<Record<keyof PollIntervals, unknown>>): PollIntervals {
  const clamp = (key: keyof PollIntervals): number => {
    const { min, max, fallback } = POLL_BOUNDS[key];
    const value = raw[key];
    return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  };
  return { pendingSeconds: clamp('pendingSeconds'), maxPendingSeconds: clamp('maxPendingSeconds'), stableSeconds: clamp('stableSeconds') };
}

export class PollScheduler {
  private unsettledStreak = 0;
  private intervals: PollIntervals;

  constructor(intervals: PollIntervals) {
    this.intervals = clampPollIntervals(intervals);
  }

  setIntervals(intervals: PollIntervals): void {
    this.intervals = clampPollIntervals(intervals);
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
