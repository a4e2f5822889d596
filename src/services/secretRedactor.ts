import { Redactor, createRedactor } from '../connection/redact';

/**
 * The extension's registry of secrets met at run time (the PlanetScale token when it is read or
 * typed, role passwords), masked in every text bound for logs, messages and webviews, in every
 * encoding, together with anything shaped like a secret (see connection/redact.ts).
 */
export class SecretRedactor {
  private readonly secrets: string[] = [];
  private masker: Redactor = createRedactor([]);

  /** Registers a secret; short ones are masked where they stand alone (see MIN_LENGTH_ANYWHERE). */
  add(secret: string | undefined): void {
    const fresh = [...new Set([secret, secret?.trim()])].filter((s): s is string => !!s && !this.secrets.includes(s));
    if (!fresh.length) return;
    this.secrets.push(...fresh);
    this.masker = createRedactor(this.secrets);
  }

  redact(text: string): string {
    return this.masker(text);
  }
}
