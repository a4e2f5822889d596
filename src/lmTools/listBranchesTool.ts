// Tool: the PlanetScale Postgres branches with their Private Host, Private Service Name and the
// interface endpoints (of the chosen AWS profile, in the service's region) that serve each.
import type * as vscode from 'vscode';
import { requirePlanetScaleClient } from '../commands/branchArgument';
import { endpointsServing, type ServingEndpoint } from '../commands/endpointsServing';
import { privateLinkIneligibleReason } from '../planetscale/privateLinkEligibility';
import type { ExtensionServices } from '../services/extensionServices';
import { readSettings } from '../services/settings';
import { regionOfServiceName } from '../aws/awsNames';
import { endpointFacts, endpointLine, type EndpointFacts } from './endpointFacts';
import { asInput, optionalText, resolveProfile } from './toolInputs';
import { toolResult } from './toolResult';
import type { ToolCall } from './toolRunner';

interface BranchFacts {
  branch: string;
  production: boolean;
  privateHost?: string;
  serviceName?: string;
  region?: string;
  endpoints: EndpointFacts[];
  problem?: string;
}

export async function listBranches(services: ExtensionServices, rawInput: unknown, call: ToolCall): Promise<vscode.LanguageModelToolResult> {
  const input = asInput(rawInput);
  const client = await requirePlanetScaleClient(services);
  const { profile } = await resolveProfile(services, input);
  const wantedOrg = optionalText(input, 'organization') ?? readSettings().planetscaleOrganization;
  const wantedDb = optionalText(input, 'database');
  const orgs = (await client.listOrganizations({ signal: call.signal })).map((o) => o.name).filter((o) => !wantedOrg || o === wantedOrg);
  if (!orgs.length) return toolResult(services.redact, wantedOrg ? `The PlanetScale token does not see organization "${wantedOrg}".` : 'The PlanetScale token sees no organization.');
  const served = new Map<string, Promise<ServingEndpoint[]>>();
  const lines: string[] = [];
  const json: Array<{ organization: string; database: string; ineligible?: string; branches: BranchFacts[] }> = [];
  for (const org of orgs) {
    const databases = (await client.listDatabases(org, { signal: call.signal })).filter((d) => !wantedDb || d.name === wantedDb);
    for (const db of databases) {
      const ineligible = privateLinkIneligibleReason(db);
      if (ineligible) {
        lines.push(`${org}/${db.name}: ${ineligible}.`);
        json.push({ organization: org, database: db.name, ineligible, branches: [] });
        continue;
      }
      const branches: BranchFacts[] = [];
      for (const b of await client.listBranches(org, db.name, { signal: call.signal })) {
        const facts: BranchFacts = { branch: b.name, production: b.production, endpoints: [] };
        try {
          const info = await client.getBranchPrivateInfo(org, db.name, b.name, { signal: call.signal });
          const region = regionOfServiceName(info.serviceName) ?? '';
          Object.assign(facts, { privateHost: info.privateHost, serviceName: info.serviceName, region });
          if (!served.has(info.serviceName)) served.set(info.serviceName, endpointsServing(services, () => [], info.serviceName, region, { profile, fresh: true }));
          facts.endpoints = (await served.get(info.serviceName)!).map((s) => endpointFacts(s.endpoint, s.region, s.profile));
        } catch (err) {
          facts.problem = err instanceof Error ? err.message : String(err);
        }
        branches.push(facts);
        lines.push(branchLine(`${org}/${db.name}/${b.name}`, facts));
      }
      json.push({ organization: org, database: db.name, branches });
    }
  }
  if (!json.length) lines.push(wantedDb ? `No database named "${wantedDb}" in ${orgs.join(', ')}.` : `No databases in ${orgs.join(', ')}.`);
  lines.push(`(Endpoints looked up with AWS profile "${profile}" in each service's region. Listing proves nothing about connectivity: use the verify or diagnose tool for that.)`);
  return toolResult(services.redact, lines.join('\n'), { profile, databases: json });
}

function branchLine(name: string, f: BranchFacts): string {
  const head = `${name}${f.production ? ' (production)' : ''}`;
  if (f.problem) return `${head}: no private connection details: ${f.problem}`;
  const endpoints = f.endpoints.length
    ? f.endpoints.map((e) => `\n    served by ${endpointLine(e)}`).join('')
    : '\n    no interface endpoint serves it yet (create one with the plan/create endpoint tools)';
  return `${head}: Private Host ${f.privateHost}, Private Service Name ${f.serviceName} (${f.region})${endpoints}`;
}
