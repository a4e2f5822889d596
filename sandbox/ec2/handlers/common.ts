// Shared steps of Describe handlers: selecting by an id list, with EC2's NotFound errors.
import type { Ec2Error } from '../queryProtocol';

/** The items named by `ids` (all items when none are named); an unknown id fails the call. */
export function selectByIds<T>(all: Map<string, T>, ids: string[], notFound: (id: string) => Ec2Error): T[] {
  if (ids.length === 0) return [...all.values()];
  const out: T[] = [];
  for (const id of new Set(ids)) {
    const item = all.get(id);
    if (item === undefined) throw notFound(id);
    out.push(item);
  }
  return out;
}
