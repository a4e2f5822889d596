// The public access of a Postgres database in the PlanetScale tree: its state (open / private
// only / restricted) on the database node, and on expand a "Public access" node listing the rules,
// with a warning and the action when a private path is verified but the public path is open.
import * as vscode from 'vscode';
import { isPlanetScaleApiError } from '../../planetscale/apiErrors';
import type { IpRestriction } from '../../planetscale/ipRestrictions';
import { describeRule, isExtensionRule, PUBLIC_ACCESS_LABELS, type PublicAccessSummary } from '../../planetscale/publicAccess';
import type { VerifiedPrivatePath } from '../../services/verifiedPrivatePaths';
import { describeVerifiedPath } from '../../services/verifiedPrivatePaths';
import { ErrorNode, ExplorerNode, MessageNode } from '../explorerNode';
import { Commands } from '../../commands/commandIds';

/** What the tree knows of a database's public access: the rules, or why they could not be read. */
export type PublicAccessView = { summary: PublicAccessSummary } | { error: unknown };

export interface DatabaseRefPayload {
  kind: 'database';
  organization: string;
  database: string;
}

/** `open`, `privateOnly`, `restricted` or `unknown` (the rules could not be read). */
export function accessKey(view: PublicAccessView | undefined): string {
  return view && 'summary' in view ? view.summary.state : 'unknown';
}

export function accessDescription(view: PublicAccessView | undefined): string {
  return view && 'summary' in view ? PUBLIC_ACCESS_LABELS[view.summary.state] : 'public access unknown';
}

/** Open while a private path is proven: the case the user must see. */
export function needsRestrictWarning(view: PublicAccessView | undefined, verified: VerifiedPrivatePath | undefined): boolean {
  return !!verified && !!view && 'summary' in view && view.summary.state === 'open';
}

export function publicAccessChildren(parentId: string, payload: DatabaseRefPayload, view: PublicAccessView | undefined, verified: VerifiedPrivatePath | undefined): ExplorerNode[] {
  const nodes: ExplorerNode[] = [];
  if (needsRestrictWarning(view, verified)) {
    nodes.push(new MessageNode(`${parentId}/restrictWarning`, 'Private path verified, but public access is still open — Restrict to Private Connections…', 'warning', {
      title: 'Restrict to Private Connections…',
      command: Commands.restrictToPrivate,
      arguments: [{ payload }],
    }, payload, 'publicAccessWarning'));
  }
  if (!view) return nodes;
  if ('error' in view) {
    nodes.push(accessErrorNode(`${parentId}/publicAccess`, view.error));
    return nodes;
  }
  nodes.push(new PublicAccessNode(`${parentId}/publicAccess`, view.summary, verified, payload));
  return nodes;
}

/** A clear item, no notification: missing `read_database` is common for narrow tokens. */
function accessErrorNode(id: string, error: unknown): ErrorNode {
  if (isPlanetScaleApiError(error) && error.kind === 'forbidden') {
    return new ErrorNode(id, 'Public access unknown: the service token lacks read_database (needed to read IP restrictions)', { title: 'Set Service Token', command: Commands.signInPlanetScale }, 'forbidden');
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ErrorNode(id, `Public access unknown: ${message}`, { title: 'Retry', command: Commands.refreshPlanetScale }, isPlanetScaleApiError(error) ? error.kind : 'unknown');
}

class PublicAccessNode implements ExplorerNode {
  constructor(readonly id: string, private readonly summary: PublicAccessSummary, private readonly verified: VerifiedPrivatePath | undefined, readonly payload: DatabaseRefPayload) {}

  toTreeItem(): vscode.TreeItem {
    const { state, rules } = this.summary;
    const label = state === 'open' ? 'Public access: open' : state === 'privateOnly' ? 'Public access: private only' : `Public access: restricted (${rules.length} rule${rules.length === 1 ? '' : 's'})`;
    const item = new vscode.TreeItem(label, rules.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(state === 'open' ? 'globe' : state === 'privateOnly' ? 'lock' : 'shield');
    item.description = state === 'open' ? 'no IP restriction: the internet may try to log in' : undefined;
    const tooltip = [label, state === 'open' ? 'Any address may connect to the public host (credentials still required).' : 'IP restrictions apply to every branch and to new connections.'];
    if (this.verified) tooltip.push(`Verified private path: ${describeVerifiedPath(this.verified)}`);
    item.tooltip = tooltip.join('\n');
    item.contextValue = `publicAccess:${state}`;
    return item;
  }

  getChildren(): ExplorerNode[] {
    return this.summary.rules.map((rule) => new RuleNode(`${this.id}/rule/${rule.id}`, rule));
  }
}

class RuleNode implements ExplorerNode {
  readonly payload = undefined;
  constructor(readonly id: string, private readonly rule: IpRestriction) {}

  toTreeItem(): vscode.TreeItem {
    const ours = isExtensionRule(this.rule);
    const item = new vscode.TreeItem(this.rule.cidrs.join(', '), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${ours ? 'made by this extension · ' : ''}${describeRule(this.rule).split(' · ').slice(1).join(' · ')}`;
    item.iconPath = new vscode.ThemeIcon(ours ? 'lock' : 'account');
    item.tooltip = describeRule(this.rule);
    item.contextValue = ours ? 'ipRule:extension' : 'ipRule:user';
    return item;
  }
}
