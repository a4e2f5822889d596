// One notification per event. The same event can reach the user by two paths — the Create
// Endpoint run finishing and the status-bar watcher seeing the transition — and whichever comes
// first speaks; the other stays quiet until the state changes again.
export class Announcements {
  private readonly made = new Set<string>();

  /** True the first time for `event` (until released): the caller may notify. */
  claim(event: string): boolean {
    if (this.made.has(event)) return false;
    this.made.add(event);
    return true;
  }

  /** The state the event described is over: a later occurrence is news again. */
  release(event: string): void {
    this.made.delete(event);
  }
}

export const availableEvent = (endpointId: string): string => `available:${endpointId}`;
