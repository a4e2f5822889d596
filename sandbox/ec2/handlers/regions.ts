// DescribeRegions and DescribeAvailabilityZones.
import type { Handler } from '../context';
import { applyFilters } from '../filters';
import { Ec2Error } from '../queryProtocol';

export const describeRegions: Handler = (ctx) => {
  const names = ctx.params.list('RegionName');
  let regions = [...ctx.state.regions.values()].filter((r) => r.seeded).map((r) => r.name);
  for (const name of names) {
    if (!regions.includes(name)) throw new Ec2Error('InvalidParameterValue', `Invalid region name: ${name}`);
  }
  if (names.length > 0) regions = regions.filter((r) => names.includes(r));
  regions = applyFilters(regions, ctx.params.filters(), {
    'region-name': (r) => r,
    endpoint: (r) => `ec2.${r}.amazonaws.com`,
    'opt-in-status': () => 'opt-in-not-required',
  });
  return {
    regionInfo: regions.map((name) => ({ regionName: name, regionEndpoint: `ec2.${name}.amazonaws.com`, optInStatus: 'opt-in-not-required' })),
  };
};

export const describeAvailabilityZones: Handler = (ctx) => {
  const region = ctx.region;
  let zones = region.zones;
  const names = ctx.params.list('ZoneName');
  const ids = ctx.params.list('ZoneId');
  for (const n of names) if (!region.zone(n)) throw new Ec2Error('InvalidParameterValue', `Invalid availability zone: [${n}]`);
  for (const id of ids) if (!zones.some((z) => z.zoneId === id)) throw new Ec2Error('InvalidParameterValue', `Invalid availability zone: [${id}]`);
  if (names.length || ids.length) zones = zones.filter((z) => names.includes(z.zoneName) || ids.includes(z.zoneId));
  zones = applyFilters(zones, ctx.params.filters(), {
    'zone-name': (z) => z.zoneName,
    'zone-id': (z) => z.zoneId,
    'region-name': () => region.name,
    state: () => 'available',
    'zone-type': () => 'availability-zone',
    'group-name': () => region.name,
    'network-border-group': () => region.name,
    'opt-in-status': () => 'opt-in-not-required',
    message: () => [],
  });
  return {
    availabilityZoneInfo: zones.map((z) => ({
      optInStatus: 'opt-in-not-required',
      zoneName: z.zoneName,
      zoneId: z.zoneId,
      zoneState: 'available',
      regionName: region.name,
      groupName: region.name,
      networkBorderGroup: region.name,
      zoneType: 'availability-zone',
      messageSet: [],
    })),
  };
};
