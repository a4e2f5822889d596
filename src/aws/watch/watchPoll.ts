// One poll of every watched endpoint: one batched describe per profile and region.
import type { DescribedEndpoints } from '../endpointQueries';
import type { EndpointStatus } from './endpointStatusModel';
import type { WatchedEndpoint } from './watchedEndpoint';

export type DescribeBatch = (profile: string, region: string, ids: string[]) => Promise<DescribedEndpoints>;

/** Groups entries by profile and region, describes each group once, maps results to states. */
export async function pollWatched(
  entries: readonly WatchedEndpoint[],
  describe: DescribeBatch,
  describeError: (err: unknown) => string,
  now: () => Date = () => new Date(),
): Promise<EndpointStatus[]> {
  const groups = new Map<string, WatchedEndpoint[]>();
  for (const e of entries) {
    const key = JSON.stringify([e.profile, e.region]);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const results = await Promise.all(
    [...groups.values()].map(async (group): Promise<EndpointStatus[]> => {
      const { profile, region } = group[0];
      try {
        const described = await describe(profile, region, group.map((e) => e.endpointId));
        const checkedAt = now();
        return group.map((entry) => {
          const endpoint = described.found.get(entry.endpointId);
          return endpoint ? { entry, state: endpoint.state, endpoint, checkedAt } : { entry, state: 'missing', checkedAt };
        });
      } catch (err) {
        const reason = describeError(err);
        return group.map((entry) => ({ entry, state: 'error', reason, checkedAt: now() }));
      }
    }),
  );
  const order = new Map(entries.map((e, i) => [e.endpointId, i]));
  return results.flat().sort((a, b) => (order.get(a.entry.endpointId) ?? 0) - (order.get(b.entry.endpointId) ?? 0));
}
