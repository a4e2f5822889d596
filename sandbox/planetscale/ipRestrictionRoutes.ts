// `/organizations/{org}/databases/{db}/cidrs[/{id}]`: list (paged), create, get and delete IP
// restriction rules, with the documented service-token accesses and 422 validation.
import type { IncomingMessage } from 'node:http';
import { allow, HttpError, need, notFound, readJson } from './httpErrors';
import { IpRestrictionInputError, ipRestrictionJson, newRule, validateNewRule } from './ipRestrictionRules';
import type { Database } from './store';
import type { ServiceToken } from './tokens';
import type { Json } from './views';

export interface IpRestrictionRequest {
  req: IncomingMessage;
  method: string;
  token: ServiceToken;
  database: Database;
  ruleId: string | undefined;
  now: Date;
  list: <T>(items: T[], view: (item: T) => Json) => Json;
}

/** The answer's JSON, or null for a 204. */
export async function routeIpRestrictions(request: IpRestrictionRequest): Promise<Json | null> {
  const { method, token, database, ruleId } = request;
  if (database.kind !== 'postgresql') {
    throw new HttpError(404, 'not_found', `Database "${database.name}" is a MySQL (Vitess) database: its IP restrictions are set on branch passwords, not /cidrs.`);
  }
  if (ruleId === undefined) {
    if (method === 'POST') {
      need(token, 'write_database');
      let input;
      try {
        input = validateNewRule(await readJson(request.req));
      } catch (error) {
        if (error instanceof IpRestrictionInputError) throw new HttpError(422, 'invalid_params', error.message);
        throw error;
      }
      const rule = newRule(input, request.now);
      database.ipRestrictions.push(rule);
      return ipRestrictionJson(rule);
    }
    allow(method, 'GET');
    need(token, 'read_database');
    return request.list(database.ipRestrictions, ipRestrictionJson);
  }
  const rule = database.ipRestrictions.find((r) => r.id === ruleId);
  if (method === 'DELETE') {
    need(token, 'write_database');
    if (!rule) throw notFound(`IP restriction "${ruleId}" of database "${database.name}"`);
    database.ipRestrictions.splice(database.ipRestrictions.indexOf(rule), 1);
    return null;
  }
  allow(method, 'GET');
  need(token, 'read_database');
  if (!rule) throw notFound(`IP restriction "${ruleId}" of database "${database.name}"`);
  return ipRestrictionJson(rule);
}
