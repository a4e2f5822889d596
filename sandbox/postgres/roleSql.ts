// SQL text for the roles the sandbox manages. Utility statements take no bind parameters, so
// names and passwords are quoted with pg's own escaping.
import { escapeIdentifier, escapeLiteral } from 'pg';

export interface RoleSqlSpec {
  username: string;
  password: string;
  inheritedRoles?: string[];
  validUntil?: Date;
}

/** One transaction: the role and its grants appear together or not at all. */
export function createLoginRoleSql(spec: RoleSqlSpec): string {
  const role = escapeIdentifier(spec.username);
  const validUntil = spec.validUntil ? ` VALID UNTIL ${escapeLiteral(spec.validUntil.toISOString())}` : '';
  const grants = (spec.inheritedRoles ?? []).map((name) => `GRANT ${escapeIdentifier(name)} TO ${role};`);
  return ['BEGIN;', `CREATE ROLE ${role} LOGIN PASSWORD ${escapeLiteral(spec.password)}${validUntil};`, ...grants, 'COMMIT;'].join('\n');
}

export function setPasswordSql(username: string, password: string): string {
  return `ALTER ROLE ${escapeIdentifier(username)} PASSWORD ${escapeLiteral(password)}`;
}

export function dropRoleSql(username: string): string {
  return `DROP ROLE IF EXISTS ${escapeIdentifier(username)}`;
}

/**
 * The lookup PgBouncer's auth_user calls: a SECURITY DEFINER function (a non-superuser may not
 * read pg_authid), executable by the auth user only, never returning superusers.
 */
export function authLookupSql(authUser: string): string {
  const user = escapeIdentifier(authUser);
  return `
    CREATE SCHEMA IF NOT EXISTS pgbouncer;
    CREATE OR REPLACE FUNCTION pgbouncer.get_auth(p_usename text)
      RETURNS TABLE (usename name, passwd text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog
      AS $$ SELECT rolname, rolpassword FROM pg_authid
            WHERE rolname = p_usename AND rolcanlogin AND NOT rolsuper $$;
    REVOKE ALL ON FUNCTION pgbouncer.get_auth(text) FROM PUBLIC;
    GRANT USAGE ON SCHEMA pgbouncer TO ${user};
    GRANT EXECUTE ON FUNCTION pgbouncer.get_auth(text) TO ${user};
  `;
}
