// The plan and the AWS facts as the form receives them (plain, JSON-safe views).
import type { LeftBehindResource } from '../../aws/createEndpoint/applyTypes';
import type { EndpointPlan } from '../../aws/createEndpoint/endpointPlan';
import { exportCliScript, exportTerraform } from '../../aws/createEndpoint/planExports';
import { lineComment } from '../../aws/shellQuote';
import type { EndpointServiceDetails, InterfaceEndpoint, VpcSummary } from '../../aws/types';
import type { ExistingEndpointView, PlanView, ServiceView, VpcView } from '../protocol/createEndpointProtocol';

export function planView(plan: EndpointPlan): PlanView {
  return {
    steps: plan.steps,
    cost: plan.cost,
    fingerprint: plan.fingerprint,
    acceptanceRequired: plan.acceptanceRequired,
    privateDnsAfterAcceptance: plan.privateDnsAfterAcceptance,
    exports: { cli: exportCliScript(plan), terraform: exportTerraform(plan) },
  };
}

export function vpcView(vpc: VpcSummary): VpcView {
  return { id: vpc.id, ...(vpc.name ? { name: vpc.name } : {}), cidrBlock: vpc.cidrBlock, cidrBlocks: vpc.cidrBlocks, isDefault: vpc.isDefault };
}

export function serviceView(service: EndpointServiceDetails): ServiceView {
  return {
    serviceName: service.serviceName,
    availabilityZones: service.availabilityZones,
    privateDnsNames: service.privateDnsNames,
    acceptanceRequired: service.acceptanceRequired,
    ...(service.privateDnsName ? { privateDnsName: service.privateDnsName } : {}),
    ...(service.serviceType ? { serviceType: service.serviceType } : {}),
    ...(service.owner ? { owner: service.owner } : {}),
  };
}

export function endpointView(endpoint: InterfaceEndpoint): ExistingEndpointView {
  return {
    id: endpoint.id,
    ...(endpoint.name ? { name: endpoint.name } : {}),
    serviceName: endpoint.serviceName,
    state: endpoint.state,
    privateDnsEnabled: endpoint.privateDnsEnabled,
    tags: { ...endpoint.tags },
  };
}

/** A script removing what a failed or stopped run left, newest first (endpoint before its group). */
export function cleanupScript(left: LeftBehindResource[]): string {
  if (!left.length) return '';
  const ordered = [...left].sort((a, b) => Number(b.kind === 'vpcEndpoint') - Number(a.kind === 'vpcEndpoint'));
  return [
    '#!/usr/bin/env bash',
    '# Removes what the PlanetScale PrivateLink extension left in your account.',
    '# A security group can be deleted only after the endpoint using it is gone (a few minutes).',
    'set -euo pipefail',
    ...ordered.map((r) => `# ${lineComment(`${r.kind === 'vpcEndpoint' ? 'VPC endpoint' : 'Security group'} ${r.id}: ${r.reason}`)}\n${r.removeCommand}`),
    '',
  ].join('\n');
}
