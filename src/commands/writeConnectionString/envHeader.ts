// The comment the extension writes above its variables in .env, and how it recognises its own
// (so a later write for another branch renews it instead of leaving a comment that lies).
export function envHeader(branchPath: string, formatLabel: string): string {
  return `PlanetScale ${branchPath} through AWS PrivateLink (${formatLabel})`;
}

/** True for a whole comment line written by envHeader, whatever branch and format it names. */
export function isEnvHeader(commentLine: string): boolean {
  return /^#\s*PlanetScale \S+ through AWS PrivateLink \(.*\)\s*$/.test(commentLine);
}
