// What Diagnose accepts from the user, checked as it is typed: the login for the auth and query
// check, the branch's Private Host, and the Reachability Analyzer's source. Each problem names
// the field and the form expected.

/** A login for the auth and query check; the password stays in memory only. */
export interface Credentials {
  username: string;
  password: string;
  database: string;
}

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export function userNameProblem(text: string): string | undefined {
  return text.length > 256 ? 'User name: at most 256 characters.' : /\s/.test(text.trim()) ? 'User name: no spaces.' : undefined;
}

export function privateHostProblem(text: string): string | undefined {
  return HOST.test(text.trim()) ? undefined : 'Private Host: a DNS name such as abc123.private-pg.psdb.cloud.';
}

export function reachabilitySourceProblem(text: string): string | undefined {
  return /^(eni|i)-[0-9a-f]{8,17}$/.test(text.trim()) ? undefined : 'Source: give a network interface id (eni-…) or an instance id (i-…).';
}
