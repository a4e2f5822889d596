import * as vscode from 'vscode';
import { StatusSummary, summarize } from '../../aws/watch/endpointStatusModel';
import type { EndpointWatcher } from '../../services/endpointWatcher';
import { describeLastVerification, type VantageMemory } from '../../services/vantageMemory';
import { Commands } from '../../commands/commandIds';

export const STATUS_ITEM_ID = 'planetscalePrivateLink.endpointStatus';

/** The status bar item: the worst state of the watched endpoints; hidden when none is watched. */
export class EndpointStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;
  private shown = false;

  constructor(private readonly watcher: EndpointWatcher, private readonly vantage?: VantageMemory) {
    this.item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'PlanetScale PrivateLink Endpoint';
    this.item.command = Commands.showEndpointStatus;
    const onVerified = vantage?.onDidRecord(() => this.render());
    const onChange = watcher.onDidChange(() => this.render());
    this.subscription = { dispose: () => { onChange.dispose(); onVerified?.dispose(); } };
    this.render();
  }

  render(): void {
    const summary = summarize(this.watcher.statuses());
    if (!summary) {
      this.item.hide();
      this.shown = false;
      return;
    }
    this.item.text = `$(${summary.icon}) ${summary.text}`;
    this.item.backgroundColor = summary.tone === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : summary.tone === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip = tooltip(summary, (id) => {
      const last = this.vantage?.lastVerification(id);
      return last && describeLastVerification(last);
    });
    this.item.accessibilityInformation = { label: summary.text, role: 'button' };
    this.item.show();
    this.shown = true;
  }

  /** Whether the item is on the status bar (the API has no getter for it). */
  get visible(): boolean {
    return this.shown;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

function tooltip(summary: StatusSummary, verifiedFrom: (endpointId: string) => string | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.appendMarkdown('**PlanetScale PrivateLink endpoints**\n\n| Endpoint | VPC | Service | AZs | State | Checked |\n|---|---|---|---|---|---|\n');
  for (const r of summary.rows) {
    const state = r.reason ? `${r.stateLabel} — ${r.reason}` : r.stateLabel;
    const checked = r.lastChecked ? r.lastChecked.toLocaleTimeString() : '–';
    md.appendMarkdown(`| ${cell(r.endpointId)} | ${cell(r.vpcId)} | ${cell(r.serviceName.split('.').pop() ?? r.serviceName)} | ${cell(r.zones)} | ${cell(state)} | ${cell(checked)} |\n`);
  }
  // Where the private path was last proven from, when it was proven from an instance in the VPC.
  for (const r of summary.rows) {
    const verified = verifiedFrom(r.endpointId);
    if (verified) md.appendMarkdown(`\n${cell(r.endpointId)}: private path ${cell(verified)}\n`);
  }
  md.appendMarkdown('\nClick for actions.');
  return md;
}

function cell(text: string): string {
  return text.replace(/[|\\`*_<>[\]]/g, '\\$&');
}
