// The .env half of Write Connection String, after verification: find the file as it is now
// (link, new, dirty editor), plan the edit, ask before replacing, write without touching
// anything else, remember which keys are ours.
import type { ConnectionFormat } from '../../connection/connectionFormats';
import { renderDiff } from '../../dotenv/dotenvDiff';
import { planEnvEdit } from '../../dotenv/dotenvEdit';
import type { ExtensionServices } from '../../services/extensionServices';
import { describeLocation, locateEnvFile } from './envFileLocation';
import { EnvFileTarget, displayName } from './envFileTarget';
import { EnvWriteResult, readEnvText, writeEnvFile } from './envFileWriter';
import { isEnvHeader } from './envHeader';

/** A modal question with one action button (default "Replace"); true only when it was chosen. */
export type ConfirmReplace = (message: string, detail: string, action?: string) => Promise<boolean>;

export type EnvUpdate = { status: 'written'; result: EnvWriteResult; keys: string[] } | { status: 'unchanged' | 'declined' };

export async function updateEnvFile(
  services: ExtensionServices,
  target: EnvFileTarget,
  format: ConnectionFormat,
  options: { header: string; password: string },
  confirm: ConfirmReplace,
): Promise<EnvUpdate> {
  // Looked at now, not when picked: the file may have appeared, or be a link, since.
  const location = await locateEnvFile(target.uri);
  const name = displayName(target);
  if (location.link) services.log.info(`${name} is a symbolic link to ${location.link.target.fsPath}; writing there.`);
  if (location.link && !location.link.insideWorkspace) {
    const question = `${name} is a link to ${location.link.target.fsPath}, outside the workspace folders. Write the connection variables there?`;
    const detail = 'The link stays as it is; the file it points to gets the variables. Other projects that share that file will read them too.';
    if (!(await confirm(question, detail, 'Write There'))) return { status: 'declined' };
  }
  const oldText = await readEnvText(location);
  const managed = services.store.get('managedEnvKeys') ?? {};
  const plan = planEnvEdit(oldText, format.variables, { managedKeys: managed[target.uri.toString()], header: options.header, isOwnHeader: isEnvHeader });
  if (!plan.changed) return { status: 'unchanged' };
  const replaced = plan.changes.filter((c) => c.kind === 'replace' || c.kind === 'remove');
  if (replaced.length) {
    const secretKeys = format.variables.filter((v) => v.secret).map((v) => v.key);
    const diff = renderDiff(oldText, plan.newText, { secretKeys, secrets: [options.password], fileName: name });
    const message = `${describeLocation(location, name)} already sets ${replaced.map((c) => c.key).join(', ')}. Replace ${replaced.length === 1 ? 'it' : 'them'}?`;
    if (!(await confirm(message, services.redact(diff)))) return { status: 'declined' };
  }
  const result = await writeEnvFile(location, oldText, plan.newText);
  const keys = format.variables.map((v) => v.key);
  await services.store.set('managedEnvKeys', { ...managed, [target.uri.toString()]: keys });
  const how = result === 'saved' ? 'to' : 'into the editor (it had unsaved changes of the user, so it was not saved) of';
  services.log.info(`Wrote ${keys.join(', ')} ${how} ${location.fileUri.fsPath} (${format.label}).`);
  return { status: 'written', result, keys };
}
