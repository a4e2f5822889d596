// The diagnosis as text for a support ticket: the core's report, naming the extension's version,
// with the password of the run and every secret the extension knows masked.
import { renderDiagnoseReport } from '../../diagnose/diagnoseReport';
import type { DiagnoseResult } from '../../diagnose/diagnoseTypes';
import type { ExtensionServices } from '../../services/extensionServices';

export function redactedReport(services: Pick<ExtensionServices, 'context' | 'redact'>, result: DiagnoseResult, password: string | undefined): string {
  const version = (services.context.extension?.packageJSON as { version?: string } | undefined)?.version;
  const text = renderDiagnoseReport(result, {
    secrets: [password],
    producedBy: `PlanetScale PrivateLink for VS Code${version ? ` ${version}` : ''}`,
  });
  return services.redact(text);
}
