// Which CA roots to name for a libpq client (sslrootcert), from what is known of its libpq.
// `system` needs libpq 16+ and an OpenSSL that finds the system store; a CA bundle path works
// with every libpq version, as long as the file exists where the application runs.

/** What this machine told us about the libpq that will read the string (see libpqDetection.ts). */
export interface LibpqFacts {
  /** libpq major version, when a driver or tool could report it. */
  major?: number;
  /** The driver brings its own libpq and OpenSSL (binary wheels). */
  bundled?: boolean;
  /** Where the facts came from, for the notes ("psql 15.18 (libpq 15)"). */
  evidence?: string;
  /** This machine's system CA bundle file, when one was found. */
  caBundle?: string;
}

export interface LibpqRoots {
  /** The sslrootcert value, or undefined for none. */
  sslrootcert?: string;
  /** What the user must know about that choice. */
  note?: string;
  /** Set when no sslrootcert would work: what to do instead. */
  problem?: string;
}

const DEBIAN_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

export const LIBPQ_SYSTEM_NOTE =
  `sslrootcert=system (verify against the system CA store) needs libpq 16 or later; with an older libpq, set sslrootcert to the system CA bundle file (for example ${DEBIAN_BUNDLE} on Debian and Ubuntu).`;

const ELSEWHERE = `Where the application runs elsewhere (a container), point sslrootcert at a CA bundle that exists there (Debian and Ubuntu: the ca-certificates package provides ${DEBIAN_BUNDLE}).`;

/**
 * The roots for `sslmode` (verify-full/verify-ca) without a configured CA file. Without facts
 * (no detection ran) this is `system` with the general note. `problem` says what to do when the
 * detected libpq cannot read `system` and no CA bundle exists to name instead.
 */
export function libpqRoots(sslmode: string, caFile: string | undefined, facts?: LibpqFacts): LibpqRoots {
  if (sslmode === 'require') return {}; // a root file would make libpq verify the chain
  if (caFile) return { sslrootcert: caFile };
  if (!facts) return { sslrootcert: 'system', note: LIBPQ_SYSTEM_NOTE };
  const old = facts.major !== undefined && facts.major < 16;
  if (facts.major !== undefined && !old && !facts.bundled) {
    return {
      sslrootcert: 'system',
      note: `sslrootcert=system: ${facts.evidence ?? `libpq ${facts.major}`} reads the system CA store. Where the application runs elsewhere (a container), that needs libpq 16+ and the ca-certificates package there; otherwise set sslrootcert to a CA bundle file${facts.caBundle ? ` such as ${facts.caBundle}` : ''}.`,
    };
  }
  const why = old
    ? `${facts.evidence ?? `libpq ${facts.major}`} is older than libpq 16 and would read sslrootcert=system as a file name`
    : facts.bundled
      ? `${facts.evidence ?? 'the driver\'s binary package'} brings its own libpq and OpenSSL, which may not find the system CA store for sslrootcert=system`
      : 'which libpq the application uses could not be found out here, and sslrootcert=system needs libpq 16 or later';
  if (facts.caBundle) return { sslrootcert: facts.caBundle, note: `sslrootcert is this machine's CA bundle ${facts.caBundle}: ${why}. ${ELSEWHERE}` };
  if (old) {
    return { problem: `${why}, and no CA bundle file was found on this machine: install the ca-certificates package, or set planetscalePrivateLink.tls.caFile to a CA bundle file, then run the command again.` };
  }
  return { sslrootcert: 'system', note: `${LIBPQ_SYSTEM_NOTE} No CA bundle file was found on this machine to name instead.` };
}
