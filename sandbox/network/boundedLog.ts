// An append-only record that keeps only the newest entries, so a sandbox left running for hours
// does not grow without bound.
export class BoundedLog<T> {
  private readonly items: T[] = [];

  constructor(private readonly limit = 1000) {}

  push(item: T): void {
    this.items.push(item);
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
  }

  snapshot(): T[] {
    return [...this.items];
  }
}
