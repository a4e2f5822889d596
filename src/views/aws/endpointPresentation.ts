import * as vscode from 'vscode';
import type { EndpointState } from '../../aws/types';

/** Icon and colour per endpoint state, so the tree and the status bar speak the same language. */
export function endpointStateIcon(state: EndpointState): vscode.ThemeIcon {
  switch (state) {
    case 'available':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
    case 'pending':
      return new vscode.ThemeIcon('loading~spin', new vscode.ThemeColor('charts.yellow'));
    case 'pendingAcceptance':
      return new vscode.ThemeIcon('clock', new vscode.ThemeColor('charts.yellow'));
    case 'deleting':
      return new vscode.ThemeIcon('trash', new vscode.ThemeColor('charts.yellow'));
    case 'deleted':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
    case 'failed':
    case 'rejected':
    case 'expired':
    case 'partial':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    default:
      return new vscode.ThemeIcon('question');
  }
}

const STATE_LABELS: Record<EndpointState, string> = {
  pendingAcceptance: 'pending acceptance',
  pending: 'pending',
  available: 'available',
  deleting: 'deleting',
  deleted: 'deleted',
  rejected: 'rejected',
  failed: 'failed',
  expired: 'expired',
  partial: 'partially available',
  unknown: 'unknown',
};

export function endpointStateLabel(state: EndpointState): string {
  return STATE_LABELS[state];
}

/** `com.amazonaws.vpce.us-east-1.vpce-svc-0a1b…` → `vpce-svc-0a1b…`: the part that differs. */
export function shortServiceName(serviceName: string): string {
  const at = serviceName.lastIndexOf('.');
  return at >= 0 ? serviceName.slice(at + 1) : serviceName;
}
