// The benchmark's output: one `BENCH <name> <value> <unit>` line per figure, a `BENCH_NOTE` line
// wherever a target is missed or a figure cannot be measured, and a closing summary line.

export type Unit = 'ms' | 'bytes' | 'calls' | 'calls/min' | 'MB' | 'flag' | 'ratio' | 'connections' | 'count';

export interface TargetOutcome {
  name: string;
  met: boolean;
  description: string;
}

export class BenchReport {
  private readonly targets: TargetOutcome[] = [];
  private readonly unmeasured: string[] = [];

  constructor(private readonly write: (line: string) => void = (line) => console.log(line)) {}

  figure(name: string, value: number, unit: Unit): void {
    this.write(`BENCH ${name} ${formatValue(value)} ${unit}`);
  }

  /** A figure that could not be measured, and why. */
  notAvailable(name: string, reason: string): void {
    this.unmeasured.push(name);
    this.write(`BENCH ${name} n/a`);
    this.note(name, reason);
  }

  note(name: string, reason: string): void {
    this.write(`BENCH_NOTE ${name} ${oneLine(reason)}`);
  }

  /** Records a target; a missed one gets a note saying by how much and why. */
  target(name: string, met: boolean, description: string, whyMissed?: string): void {
    this.targets.push({ name, met, description });
    if (!met) this.note(name, `target missed (${description})${whyMissed ? `: ${whyMissed}` : ''}`);
  }

  /** A target whose figure could not be measured counts as missed. */
  targetUnmeasured(name: string, description: string): void {
    this.targets.push({ name, met: false, description });
  }

  outcomes(): readonly TargetOutcome[] {
    return this.targets;
  }

  summary(): void {
    const met = this.targets.filter((t) => t.met).length;
    const missed = this.targets.filter((t) => !t.met).map((t) => t.name);
    const parts = [`targets met ${met}/${this.targets.length}`];
    parts.push(missed.length ? `missed: ${missed.join(', ')}` : 'none missed');
    if (this.unmeasured.length) parts.push(`not measured: ${this.unmeasured.join(', ')}`);
    this.write(`BENCH_SUMMARY ${parts.join('; ')}`);
  }
}

function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(1) : value.toFixed(2);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function median(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
