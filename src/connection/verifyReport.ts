// Text for the output log and the notification from verification results. Pure.
import { PHASE_TITLES, PhaseResult, PhaseStatus, VerifyResult } from './verifyTypes';

const STATUS_MARK: Record<PhaseStatus, string> = { pass: '✓', warn: '!', fail: '✗', skipped: '-' };

/** "✓ DNS (12 ms): … | fix: …" */
export function formatPhaseLine(result: PhaseResult): string {
  const time = result.status === 'skipped' && result.durationMs === 0 ? '' : ` (${result.durationMs} ms)`;
  const fix = result.fix && result.status !== 'pass' ? ` Fix: ${result.fix}` : '';
  return `${STATUS_MARK[result.status]} ${PHASE_TITLES[result.phase]}${time}: ${result.detail}${fix}`;
}

/** The whole run, one line per phase, for the output log. */
export function formatVerifyReport(result: VerifyResult): string {
  return [result.summary, ...result.phases.map(formatPhaseLine)].join('\n');
}

export function summarize(result: Pick<VerifyResult, 'outcome' | 'phases' | 'failedPhase'>, host: string, port: number): string {
  const total = result.phases.reduce((sum, p) => sum + p.durationMs, 0);
  if (result.outcome === 'cancelled') return `Verification of ${host}:${port} was cancelled.`;
  if (result.failedPhase) {
    const failed = result.phases.find((p) => p.phase === result.failedPhase)!;
    return `${PHASE_TITLES[failed.phase]} failed for ${host}:${port}: ${failed.detail}`;
  }
  const warnings = result.phases.filter((p) => p.status === 'warn').length;
  const notRun = result.phases.filter((p) => p.status === 'skipped' && p.phase !== 'dns');
  if (notRun.length) {
    const reached = result.phases.filter((p) => p.status === 'pass' || p.status === 'warn').map((p) => PHASE_TITLES[p.phase]);
    return `Reached ${host}:${port} privately through ${reached.join(', ')}; ${notRun.map((p) => PHASE_TITLES[p.phase].toLowerCase()).join(' and ')} not run yet${warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : ''}.`;
  }
  return `Verified ${host}:${port} through DNS, TCP, TLS, login and a query in ${total} ms${warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : ''}.`;
}
