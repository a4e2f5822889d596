// DescribeVpcEndpoints calls per minute made by the status bar's polling logic: the same
// PollScheduler and pollWatched the EndpointWatcher uses, real describe calls against the
// emulator, and a simulated clock for the waits (an hour passes in a few seconds).
import fs from 'node:fs';
import path from 'node:path';
import { classifyAwsError } from '../src/aws/awsErrors';
import { describeEndpoints } from '../src/aws/endpointQueries';
import { isUnsettled } from '../src/aws/watch/endpointStatusModel';
import { PollScheduler, type PollIntervals } from '../src/aws/watch/pollScheduler';
import { pollWatched, type DescribeBatch } from '../src/aws/watch/watchPoll';
import type { WatchedEndpoint } from '../src/aws/watch/watchedEndpoint';
import { BenchReport, errorText } from './benchReport';
import { ec2Calls, startBenchAws, total, type BenchAws } from './benchAws';
import { createAppEndpoint, US_EAST_SERVICE } from './benchEndpoints';
import { projectRoot } from './benchPaths';

const REGION = 'us-east-1';
const WATCHED = 3;
const MINUTE = 60_000;
const FIGURES = [
  'poll_calls_per_min_pending',
  'poll_calls_first_min_pending',
  'poll_calls_per_min_pending_capped',
  'poll_calls_per_min_available',
  'poll_calls_per_min_unfocused',
  'poll_calls_per_poll',
  'poll_calls_per_poll_two_regions',
];

/** The polling settings' defaults, as the manifest declares them. */
function defaultIntervals(): PollIntervals {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    contributes?: { configuration?: { properties?: Record<string, { default?: unknown }> } };
  };
  const props = manifest.contributes?.configuration?.properties ?? {};
  const value = (key: string, fallback: number) => {
    const v = props[`planetscalePrivateLink.polling.${key}`]?.default;
    return typeof v === 'number' ? v : fallback;
  };
  return { pendingSeconds: value('pendingSeconds', 10), maxPendingSeconds: value('maxPendingSeconds', 60), stableSeconds: value('stableSeconds', 300) };
}

interface Poll {
  atMs: number;
  /** EC2 calls the emulator counted for this poll, by action. */
  calls: Record<string, number>;
  states: string[];
}

interface Scenario {
  entries: WatchedEndpoint[];
  minutes: number;
  /** The window loses focus at this simulated time (never, when absent). */
  focusLostAtMs?: number;
}

/**
 * Replays EndpointWatcher's rhythm on a simulated clock: watching starts with a poll at once
 * (when focused); after each poll the scheduler picks the delay; losing focus clears the timer.
 */
async function simulate(aws: BenchAws, describe: DescribeBatch, scenario: Scenario, intervals: PollIntervals): Promise<Poll[]> {
  const scheduler = new PollScheduler(intervals);
  const start = Date.now();
  const end = scenario.minutes * MINUTE;
  const focusedAt = (t: number) => scenario.focusLostAtMs === undefined || t < scenario.focusLostAtMs;
  const polls: Poll[] = [];
  let t = 0;
  let next: number | undefined = focusedAt(0) ? 0 : undefined;
  while (next !== undefined) {
    t += next;
    if (t >= end || !focusedAt(t)) break;
    aws.emulator.resetCallCounts();
    const statuses = await pollWatched(scenario.entries, describe, (err) => classifyAwsError(err).message, () => new Date(start + t));
    polls.push({ atMs: t, calls: ec2Calls(aws.emulator), states: statuses.map((s) => s.state) });
    next = scheduler.nextDelayMs({ watched: scenario.entries.length, anyUnsettled: statuses.some((s) => isUnsettled(s.state)), focused: focusedAt(t) });
  }
  return polls;
}

function callsBetween(polls: Poll[], fromMs: number, toMs: number): number {
  return polls.filter((p) => p.atMs >= fromMs && p.atMs < toMs).reduce((n, p) => n + total(p.calls), 0);
}

function perMinute(polls: Poll[], fromMin: number, toMin: number): number {
  return callsBetween(polls, fromMin * MINUTE, toMin * MINUTE) / (toMin - fromMin);
}

function entry(aws: BenchAws, region: string, endpointId: string, vpcId: string): WatchedEndpoint {
  return { endpointId, profile: aws.profile, region, vpcId, serviceName: US_EAST_SERVICE, createdAt: new Date().toISOString() };
}

export async function benchPollBudget(report: BenchReport): Promise<void> {
  let aws: BenchAws | undefined;
  try {
    aws = await startBenchAws();
    await measurePolling(aws, report);
  } catch (err) {
    for (const name of FIGURES) report.notAvailable(name, `polling benchmark failed: ${errorText(err)}`);
    report.targetUnmeasured('poll_calls_per_poll', 'polling within the status-bar budget');
  } finally {
    await aws?.close();
  }
}

async function measurePolling(aws: BenchAws, report: BenchReport): Promise<void> {
  const intervals = defaultIntervals();
  const describe: DescribeBatch = (_profile, region, ids) => describeEndpoints(aws.clients(region).ec2, ids);
  // Held pending for the whole run: EC2 would make them available after a few minutes.
  aws.emulator.setEndpointDelay(24 * 60 * MINUTE);
  const ec2 = aws.clients(REGION).ec2;
  const entries: WatchedEndpoint[] = [];
  for (let i = 0; i < WATCHED; i++) {
    const { endpointId, vpcId } = await createAppEndpoint(ec2, aws.emulator, { privateDns: false });
    entries.push(entry(aws, REGION, endpointId, vpcId));
  }

  const pending = await simulate(aws, describe, { entries, minutes: 10 }, intervals);
  const notPending = pending.flatMap((p) => p.states).filter((s) => s !== 'pending');
  if (notPending.length) report.note('poll_calls_per_min_pending', `some polls saw states other than pending: ${[...new Set(notPending)].join(', ')}`);
  // Pending (the busiest rhythm) for five minutes, then the window loses focus.
  const unfocused = await simulate(aws, describe, { entries, minutes: 60, focusLostAtMs: 5 * MINUTE }, intervals);

  for (const e of entries) aws.emulator.setEndpointState(e.endpointId, 'available');
  const available = await simulate(aws, describe, { entries, minutes: 60 }, intervals);
  const notAvailable = available.flatMap((p) => p.states).filter((s) => s !== 'available');
  if (notAvailable.length) report.note('poll_calls_per_min_available', `some polls saw states other than available: ${[...new Set(notAvailable)].join(', ')}`);

  // Batching across regions: two endpoints in a second region add one call per poll, not two.
  const { endpointIds: euIds, vpcIds: euVpcs } = aws.emulator.bulkSeed('eu-west-1', 1, 2);
  aws.emulator.resetCallCounts();
  await pollWatched([...entries, ...euIds.map((id) => entry(aws, 'eu-west-1', id, euVpcs[0]))], describe, (err) => classifyAwsError(err).message);
  const twoRegionCalls = total(ec2Calls(aws.emulator));

  const all = [...pending, ...unfocused, ...available];
  const perPoll = Math.max(...all.map((p) => total(p.calls)));
  const otherActions = [...new Set(all.flatMap((p) => Object.keys(p.calls)).filter((a) => a !== 'DescribeVpcEndpoints'))];

  const pendingAvg = perMinute(pending, 0, 10);
  const firstMinute = perMinute(pending, 0, 1);
  const capped = perMinute(pending, 5, 10);
  const stable = perMinute(available, 0, 60);
  const paused = perMinute(unfocused, 5, 60);
  report.figure('poll_calls_per_min_pending', pendingAvg, 'calls/min');
  report.figure('poll_calls_first_min_pending', firstMinute, 'calls/min');
  report.figure('poll_calls_per_min_pending_capped', capped, 'calls/min');
  report.figure('poll_calls_per_min_available', stable, 'calls/min');
  report.figure('poll_calls_per_min_unfocused', paused, 'calls/min');
  report.figure('poll_calls_per_poll', perPoll, 'calls');
  report.figure('poll_calls_per_poll_two_regions', twoRegionCalls, 'calls');

  const schedule = (polls: Poll[]) => polls.map((p) => Math.round(p.atMs / 1000)).join(',');
  report.target('poll_calls_first_min_pending', firstMinute <= 6, 'about every 10 s while pending: ≤ 6 calls in the first minute', `polls at ${schedule(pending)} s`);
  report.target('poll_calls_per_min_pending_capped', capped <= 1, `backing off to the ${intervals.maxPendingSeconds} s cap: ≤ 1 call/min from minute 5`, `polls at ${schedule(pending)} s`);
  report.target('poll_calls_per_min_available', stable <= 60 / intervals.stableSeconds + 1e-9, `every ${intervals.stableSeconds} s when stable: ≤ ${60 / intervals.stableSeconds} calls/min`, `polls at ${schedule(available)} s`);
  report.target('poll_calls_per_min_unfocused', paused === 0, 'no calls while the window is unfocused', `polls at ${schedule(unfocused)} s (focus lost at 300 s)`);
  report.target(
    'poll_calls_per_poll',
    perPoll === 1 && twoRegionCalls === 2 && otherActions.length === 0,
    `one batched DescribeVpcEndpoints per region and profile per poll (${WATCHED} endpoints in one region; +2 in a second region)`,
    `max ${perPoll} call(s) per poll, ${twoRegionCalls} with two regions${otherActions.length ? `, other actions: ${otherActions.join(', ')}` : ''}`,
  );
}
