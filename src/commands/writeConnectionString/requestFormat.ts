// The variables to write for the request's client, with the TLS roots that client can really use.
import { ConnectionFormat, formatConnection } from '../../connection/connectionFormats';
import { LIBPQ_KINDS, detectLibpq } from '../../connection/libpqDetection';
import type { ClientChoice, RoleCredentials } from './connectionInputs';

export interface FormatRequest {
  host: string;
  role: RoleCredentials;
  port: 5432 | 6432 | 'both';
  client: ClientChoice;
  folder: string;
  caFile: string | undefined;
}

export async function formatForRequest(request: FormatRequest): Promise<ConnectionFormat> {
  const { client, role, caFile } = request;
  // Whether libpq can read sslrootcert=system is a fact of this machine: look it up, never assume it.
  const libpq = !caFile && LIBPQ_KINDS.includes(client.kind)
    ? await detectLibpq(client.kind, request.folder, { hintBundled: client.formatOptions.libpq?.bundled })
    : undefined;
  return formatConnection(
    client.kind,
    { host: request.host, user: role.username, password: role.password, database: role.database, port: request.port, caFile },
    { ...client.formatOptions, ...(libpq ? { libpq } : {}) },
  );
}
