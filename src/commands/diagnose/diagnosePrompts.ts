// The questions Diagnose asks, each asked only when the answer is not known yet: which endpoint
// (from the argument, the watched endpoints, or a branch's service), where the client runs
// (remembered per VPC; else the group the endpoint's rules name, or the VPC's only candidate),
// the branch's Private Host (remembered per endpoint), and optionally a login for the auth and
// query check (the user remembered or read from the .env the extension wrote; the password is
// kept in memory for this window only, never stored).
import type { InterfaceEndpoint } from '../../aws/types';
import type { ExtensionServices } from '../../services/extensionServices';
import { UserFacingError } from '../../errors/userFacingError';
import { resolveBranch } from '../branchArgument';
import { endpointsServing, type ServingEndpoint } from '../endpointsServing';
import { describeClient, parseCidrList, type ClientLocation, type ClientLocationKind } from '../../diagnose/clientLocation';
import { privateHostProblem, reachabilitySourceProblem, userNameProblem, type Credentials } from '../../diagnose/diagnoseInputs';
import { guessClientGroup, type GroupGuess } from '../../diagnose/inputGuesses';
import { envLoginUser } from './envLoginUser';
import type { DiagnoseMemory } from './diagnoseMemory';
import { branchLabel, parseDiagnoseArgument, targetOfWatched, withWatchedDetails, type BranchArgument, type DiagnoseTarget } from './diagnoseTarget';
import type { DiagnoseUi } from './diagnoseUi';
import type { WatchedEndpoint } from '../../aws/watch/watchedEndpoint';
import { Commands } from '../commandIds';

export const DIAGNOSE_TITLE = 'Diagnose Private Connection';

export type { Credentials } from '../../diagnose/diagnoseInputs';

export interface PromptDeps {
  services: ExtensionServices;
  ui: DiagnoseUi;
  memory: DiagnoseMemory;
  /** Endpoints serving a service, as the AWS tree last loaded them. */
  endpointsForService(serviceName: string): { region: string; endpoint: InterfaceEndpoint; profile: string }[];
  /** The endpoints this workspace watches (status bar). */
  watched(): WatchedEndpoint[];
  /** This machine's addresses as /32 blocks. */
  machineCidrs(): string[];
}

export class DiagnosePrompts {
  /** Logins given in this window, per endpoint (no credentials: network only for that user). Never persisted. */
  private readonly logins = new Map<string, { username: string; credentials?: Credentials }>();

  constructor(private readonly deps: PromptDeps) {}

  /** The endpoint the command argument names, asking when it names none (or a branch served by several). */
  async target(arg: unknown): Promise<DiagnoseTarget | undefined> {
    const parsed = parseDiagnoseArgument(arg);
    switch (parsed.kind) {
      case 'unsupported':
        throw new UserFacingError(parsed.reason);
      case 'target':
        return this.withPrivateHost(withWatchedDetails(parsed.target, this.deps.watched()));
      case 'branch':
        return this.endpointOfBranch(parsed.branch);
      case 'none':
        return this.pickTarget();
    }
  }

  /** Where the client runs: remembered per VPC; asked when unknown or when `change` is set. */
  async clientLocation(target: DiagnoseTarget, options: { change?: boolean } = {}): Promise<ClientLocation | undefined> {
    const remembered = this.deps.memory.clientLocation(target.region, target.vpcId);
    if (remembered && !options.change) return remembered;
    const guess = await this.guessGroup(target);
    if (guess && !options.change) {
      const location: ClientLocation = { kind: 'securityGroups', securityGroups: [guess.group] };
      await this.deps.memory.setClientLocation(target.region, target.vpcId, location);
      return location;
    }
    const machine = this.deps.machineCidrs();
    const kind = await this.deps.ui.pick<ClientLocationKind>(
      [
        { label: '$(shield) Security groups of the application', description: 'recommended', detail: `Pick the groups of the instances, tasks or functions that connect (in ${target.vpcId}).`, value: 'securityGroups' },
        { label: '$(symbol-numeric) CIDR ranges', detail: 'The addresses the application connects from, e.g. 10.0.1.0/24.', value: 'cidrs' },
        {
          label: '$(vm) This machine',
          detail: machine.length ? `Its addresses: ${machine.join(', ')} (for an editor running inside the VPC, e.g. over Remote-SSH).` : 'This machine has no address outside loopback; pick groups or CIDRs instead.',
          value: 'thisMachine',
        },
      ],
      { title: `${DIAGNOSE_TITLE}: where does the application run?`, placeHolder: remembered ? `Now: ${describeClient(remembered, machine).join(', ')}` : 'Checked once per VPC, then remembered for this workspace' },
    );
    if (!kind) return undefined;
    const location = await this.askLocation(kind, target, remembered, machine, guess);
    if (location) await this.deps.memory.setClientLocation(target.region, target.vpcId, location);
    return location;
  }

  /**
   * A login for the auth and query check; undefined to check the network only. The user is the one
   * typed once (remembered) or else the .env's (read again each run, so a new .env is followed);
   * then only the password is asked, once per window. `change` asks the user name again.
   */
  async credentials(target: DiagnoseTarget, options: { change?: boolean } = {}): Promise<Credentials | undefined> {
    if (!target.privateHost) return undefined;
    const remembered = this.deps.memory.user(target.endpointId);
    if (remembered === '' && !options.change) return undefined;
    const fromEnv = remembered ? undefined : await envLoginUser(this.deps.services.store, target.privateHost).catch(() => undefined);
    let username = remembered || fromEnv;
    if (!username || options.change) {
      username = await this.askUser(username);
      if (username === undefined) return undefined;
      await this.deps.memory.setUser(target.endpointId, username);
      if (!username) return undefined;
    }
    const given = this.logins.get(target.endpointId);
    if (given && given.username === username && !options.change) return given.credentials;
    const password = await this.deps.ui.input({
      title: `${DIAGNOSE_TITLE}: password of ${username}`,
      prompt: `${username === fromEnv ? 'The user of the connection string in .env. ' : ''}Kept in memory for this window only; never saved or shown. Empty to check the network only.`,
      password: true,
    });
    if (password) this.deps.services.redactor.add(password);
    const credentials = password ? { username, password, database: 'postgres' } : undefined;
    this.logins.set(target.endpointId, { username, credentials });
    return credentials;
  }

  /** The user name ('' = network only, remembered), or undefined when dismissed. */
  private async askUser(known: string | undefined): Promise<string | undefined> {
    const text = await this.deps.ui.input({
      title: `${DIAGNOSE_TITLE}: login check (optional)`,
      prompt: 'Database user to also try a login and a query. Leave empty to check the network only (remembered; change it with "Change inputs…").',
      value: known ?? '',
      placeHolder: 'e.g. pscale_api_abc123 — empty to skip',
      validate: userNameProblem,
    });
    return text?.trim();
  }

  /** The client's network interface or instance for Reachability Analyzer (remembered per VPC; `suggested` when none is). */
  async reachabilitySource(target: DiagnoseTarget, suggested?: string): Promise<string | undefined> {
    const source = (
      await this.deps.ui.input({
        title: `${DIAGNOSE_TITLE}: Reachability Analyzer source`,
        prompt: `The application's network interface (eni-…) or instance (i-…) in ${target.vpcId}: AWS analyses the path from it to the endpoint on port 5432.`,
        value: this.deps.memory.reachabilitySource(target.region, target.vpcId) ?? suggested ?? '',
        placeHolder: 'eni-0123456789abcdef0 or i-0123456789abcdef0',
        validate: reachabilitySourceProblem,
      })
    )?.trim();
    if (!source) return undefined;
    await this.deps.memory.setReachabilitySource(target.region, target.vpcId, source);
    return source;
  }

  /** The application's group when the endpoint's rules or the VPC's groups make it plain; undefined when unsure. */
  private async guessGroup(target: DiagnoseTarget): Promise<GroupGuess | undefined> {
    const core = this.deps.services.core.get();
    const ec2 = this.deps.services.aws.clients(target.profile, target.region).ec2;
    const [groups, endpoints] = await Promise.all([core.listSecurityGroups(ec2, target.vpcId), core.describeEndpoints(ec2, [target.endpointId])]).catch(() => [[], undefined] as const);
    const endpoint = endpoints?.found.get(target.endpointId);
    return endpoint ? guessClientGroup(groups, endpoint.securityGroupIds) : undefined;
  }

  private async askLocation(kind: ClientLocationKind, target: DiagnoseTarget, remembered: ClientLocation | undefined, machine: string[], guess: GroupGuess | undefined): Promise<ClientLocation | undefined> {
    if (kind === 'thisMachine') {
      if (!machine.length) throw new UserFacingError('This machine has no IPv4 address outside loopback, so no VPC rule can match it. Pick security groups or enter CIDRs instead.');
      return { kind };
    }
    if (kind === 'cidrs') {
      const text = await this.deps.ui.input({
        title: `${DIAGNOSE_TITLE}: client CIDR ranges`,
        prompt: 'Addresses the application connects from, separated by commas or spaces (a bare address means /32).',
        value: remembered?.kind === 'cidrs' ? (remembered.cidrs ?? []).join(', ') : '',
        placeHolder: '10.0.1.0/24, 10.0.2.15',
        validate: (t) => {
          const parsed = parseCidrList(t);
          return 'error' in parsed ? parsed.error : undefined;
        },
      });
      if (text === undefined) return undefined;
      const parsed = parseCidrList(text);
      return 'error' in parsed ? undefined : { kind, cidrs: parsed.cidrs };
    }
    const core = this.deps.services.core.get();
    const ec2 = this.deps.services.aws.clients(target.profile, target.region).ec2;
    const groups = await core.listSecurityGroups(ec2, target.vpcId);
    if (!groups.length) throw new UserFacingError(`VPC ${target.vpcId} has no security groups to pick; enter the client's CIDR ranges instead.`);
    const was = new Set(remembered?.kind === 'securityGroups' ? (remembered.securityGroups ?? []).map((g) => g.id) : guess ? [guess.group.id] : []);
    const picked = await this.deps.ui.pickMany(
      groups.map((g) => ({ label: g.name, description: g.id, detail: g.description, value: { id: g.id, name: g.name }, picked: was.has(g.id) })),
      { title: `${DIAGNOSE_TITLE}: the application's security groups`, placeHolder: `Groups of what connects to the database, in ${target.vpcId}` },
    );
    return picked?.length ? { kind, securityGroups: picked } : undefined;
  }

  private async pickTarget(): Promise<DiagnoseTarget | undefined> {
    const watched = this.deps.watched();
    if (!watched.length) return this.endpointOfBranch(undefined);
    const choice = await this.deps.ui.pick<WatchedEndpoint | 'branch'>(
      [
        ...watched.map((w) => ({
          label: w.endpointId,
          description: [branchLabel(w.branch), w.region, w.lastState].filter(Boolean).join(' · '),
          detail: `VPC ${w.vpcId}${w.privateHost ? ` · ${w.privateHost}` : ''}`,
          value: w as WatchedEndpoint | 'branch',
        })),
        { label: '$(database) Pick a PlanetScale branch…', detail: 'Diagnose the endpoint that serves a branch', value: 'branch' },
      ],
      { title: DIAGNOSE_TITLE, placeHolder: 'Which endpoint?' },
    );
    if (!choice) return undefined;
    return choice === 'branch' ? this.endpointOfBranch(undefined) : this.withPrivateHost(targetOfWatched(choice));
  }

  private async endpointOfBranch(branch: BranchArgument | undefined): Promise<DiagnoseTarget | undefined> {
    const resolved = await resolveBranch(this.deps.services, branch ? { payload: branch } : undefined, DIAGNOSE_TITLE);
    if (!resolved) return undefined;
    const label = branchLabel(resolved);
    const candidates = await this.endpointsServing(resolved.serviceName, resolved.region);
    if (!candidates.length) {
      throw new UserFacingError(`No interface endpoint for ${resolved.serviceName} was found in ${resolved.region || 'the chosen regions'}, so ${label} has nothing to diagnose yet. Create the endpoint first.`, [
        { label: 'Create Endpoint', command: Commands.createEndpoint, args: [{ payload: { ...resolved } }] },
      ]);
    }
    const chosen = candidates.length === 1
      ? candidates[0]
      : await this.deps.ui.pick(
          candidates.map((c) => ({ label: c.endpoint.name ?? c.endpoint.id, description: `${c.endpoint.state} · ${c.endpoint.vpcId} · ${c.region}`, detail: c.endpoint.name ? c.endpoint.id : undefined, value: c })),
          { title: DIAGNOSE_TITLE, placeHolder: `Several endpoints serve ${label}; which one?` },
        );
    if (!chosen) return undefined;
    const e = chosen.endpoint;
    return withWatchedDetails(
      {
        profile: chosen.profile,
        region: chosen.region,
        endpointId: e.id,
        vpcId: e.vpcId,
        serviceName: e.serviceName,
        privateHost: resolved.privateHost,
        branch: { organization: resolved.organization, database: resolved.database, branch: resolved.branch },
        ...(e.name ? { name: e.name } : {}),
      },
      this.deps.watched(),
    );
  }

  /** From the AWS tree when it is loaded, else one filtered DescribeVpcEndpoints in the service's region. */
  private endpointsServing(serviceName: string, region: string): Promise<ServingEndpoint[]> {
    return endpointsServing(this.deps.services, (name) => this.deps.endpointsForService(name), serviceName, region);
  }

  /** Completes a target without a Private Host: remembered, picked from a branch, typed, or skipped. */
  private async withPrivateHost(target: DiagnoseTarget): Promise<DiagnoseTarget | undefined> {
    if (target.privateHost) return target;
    const remembered = this.deps.memory.privateHost(target.endpointId);
    if (remembered) return { ...target, privateHost: remembered };
    const how = await this.deps.ui.pick<'branch' | 'type' | 'skip'>(
      [
        { label: '$(database) Pick the branch', detail: 'Its Private Host is read from PlanetScale (needs the service token).', value: 'branch' },
        { label: '$(edit) Enter the Private Host', detail: 'As shown for the branch in PlanetScale, e.g. abc123.private-pg.psdb.cloud', value: 'type' },
        { label: '$(debug-step-over) Skip', detail: 'Run without the DNS answers check and the TLS name check.', value: 'skip' },
      ],
      { title: `${DIAGNOSE_TITLE}: which branch does ${target.endpointId} serve?`, placeHolder: 'The DNS and TLS checks need the branch\'s Private Host' },
    );
    if (!how) return undefined;
    if (how === 'skip') return target;
    let host: string | undefined;
    let branch = target.branch;
    if (how === 'branch') {
      const resolved = await resolveBranch(this.deps.services, undefined, DIAGNOSE_TITLE);
      if (!resolved) return undefined;
      if (target.serviceName && resolved.serviceName !== target.serviceName) {
        throw new UserFacingError(`${branchLabel(resolved)} is served by ${resolved.serviceName}, but ${target.endpointId} connects to ${target.serviceName}. Pick a branch in the endpoint's region.`);
      }
      host = resolved.privateHost;
      branch = { organization: resolved.organization, database: resolved.database, branch: resolved.branch };
    } else {
      host = (
        await this.deps.ui.input({
          title: `${DIAGNOSE_TITLE}: Private Host`,
          prompt: 'The branch\'s Private Host, as PlanetScale shows it.',
          placeHolder: 'abc123.private-pg.psdb.cloud',
          validate: privateHostProblem,
        })
      )?.trim();
      if (!host) return undefined;
    }
    await this.deps.memory.setPrivateHost(target.endpointId, host);
    return { ...target, privateHost: host, ...(branch ? { branch } : {}) };
  }
}
