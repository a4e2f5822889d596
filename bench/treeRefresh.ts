// EC2 calls and time of the AWS tree's load with 200 extra VPCs and 1,000 endpoints in one region,
// through the product's own ExplorerLoader (loadAwsExplorer → loadRegion) and AWS clients.
import { ExplorerLoader } from '../src/aws/explorerModel';
import type { AwsClientOptions, AwsExplorerResult } from '../src/aws/types';
import { BenchReport, errorText, median } from './benchReport';
import { ec2Calls, startBenchAws, total, type BenchAws } from './benchAws';

const REGION = 'us-east-1';
const BULK_VPCS = 200;
const BULK_ENDPOINTS = 1000;
/** The product's page size for DescribeVpcs and DescribeVpcEndpoints (vpcQueries/endpointQueries). */
const PRODUCT_PAGE_SIZE = 1000;
const SMALL_PAGE_SIZE = 100;
const REFRESHES = 5;

const FIGURES = ['tree_first_children_ms', 'tree_refresh_ms', 'tree_refresh_calls', 'tree_refresh_calls_page100'];

function pages(items: number, pageSize: number): number {
  return Math.max(1, Math.ceil(items / pageSize));
}

function counted(result: AwsExplorerResult): { vpcs: number; endpoints: number } {
  const region = result.regions.find((r) => r.region === REGION);
  if (!region?.ok) throw new Error(`the ${REGION} load failed: ${region && !region.ok ? region.error.message : 'no result'}`);
  const { vpcs, orphanEndpoints } = region.contents;
  return { vpcs: vpcs.length, endpoints: vpcs.reduce((n, v) => n + v.endpoints.length, orphanEndpoints.length) };
}

function loaderFor(aws: BenchAws, pageSize?: number): ExplorerLoader {
  // The extension builds its loader over cached clients the same way (AwsTreeProvider.load).
  return new ExplorerLoader((o: AwsClientOptions) => aws.clientCache.get(o), { env: aws.env, pageSize });
}

export async function benchTreeRefresh(report: BenchReport): Promise<void> {
  let aws: BenchAws | undefined;
  try {
    aws = await startBenchAws();
    aws.emulator.bulkSeed(REGION, BULK_VPCS, BULK_ENDPOINTS);
    const request = { profile: aws.profile, regions: [REGION], endpointUrl: aws.endpointUrl };

    // Time to first children: a fresh session (new clients, credentials read from the files) until
    // the region's VPC list exists, i.e. what the region node shows when first expanded.
    aws.emulator.resetCallCounts();
    const loader = loaderFor(aws);
    const started = performance.now();
    const first = await loader.load(request);
    const firstMs = performance.now() - started;
    const seen = counted(first);

    const refreshMs: number[] = [];
    const refreshCalls: number[] = [];
    let actions: Record<string, number> = {};
    let stsCalls = 0;
    for (let i = 0; i < REFRESHES; i++) {
      aws.emulator.resetCallCounts();
      const t0 = performance.now();
      counted(await loader.refresh(request));
      refreshMs.push(performance.now() - t0);
      actions = ec2Calls(aws.emulator);
      refreshCalls.push(total(actions));
      stsCalls = Math.max(stsCalls, aws.emulator.callCounts()['sts:GetCallerIdentity'] ?? 0);
    }

    aws.emulator.resetCallCounts();
    await loaderFor(aws, SMALL_PAGE_SIZE).refresh(request);
    const smallPageCalls = total(ec2Calls(aws.emulator));

    report.figure('tree_first_children_ms', firstMs, 'ms');
    report.figure('tree_refresh_ms', median(refreshMs), 'ms');
    const calls = Math.max(...refreshCalls);
    report.figure('tree_refresh_calls', calls, 'calls');
    report.figure('tree_refresh_calls_page100', smallPageCalls, 'calls');
    report.figure('tree_refresh_sts_calls', stsCalls, 'calls');
    report.figure('tree_vpcs', seen.vpcs, 'count');
    report.figure('tree_endpoints', seen.endpoints, 'count');
    const expected = pages(seen.vpcs, PRODUCT_PAGE_SIZE) + pages(seen.endpoints, PRODUCT_PAGE_SIZE);
    const expectedSmall = pages(seen.vpcs, SMALL_PAGE_SIZE) + pages(seen.endpoints, SMALL_PAGE_SIZE);
    const onlyListCalls = Object.keys(actions).every((a) => a === 'DescribeVpcs' || a === 'DescribeVpcEndpoints');
    const detail = `${seen.vpcs} VPCs, ${seen.endpoints} endpoints; calls ${JSON.stringify(actions)}; ${smallPageCalls} calls at page size ${SMALL_PAGE_SIZE} (pages ${expectedSmall})`;
    report.target(
      'tree_refresh_calls',
      calls === expected && smallPageCalls === expectedSmall && onlyListCalls,
      `one paginated DescribeVpcs + one paginated DescribeVpcEndpoints per region: ${expected} call(s) at page size ${PRODUCT_PAGE_SIZE}`,
      detail,
    );
    if (seen.vpcs < BULK_VPCS || seen.endpoints < BULK_ENDPOINTS) {
      report.note('tree_refresh_calls', `the tree saw fewer resources than seeded: ${detail}`);
    }
  } catch (err) {
    for (const name of FIGURES) report.notAvailable(name, `tree benchmark failed: ${errorText(err)}`);
    report.targetUnmeasured('tree_refresh_calls', 'two EC2 calls per region per refresh plus pages');
  } finally {
    await aws?.close();
  }
}
