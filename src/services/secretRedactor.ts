import { Redactor, createRedactor } from '../connection/redact';

/**
 * Masks secrets in text bound for logs, messages and webviews: the values registered at run
 * time (tokens, passwords, in every encoding) and anything shaped like AWS credentials.
 */
export class SecretRedactor {
  private readonly secrets: string[] = [];
  private masker: Redactor = createRedactor([]);

  /** Registers a secret; very short strings are ignored so ordinary words are not masked. */
  add(secret: string | undefined): void {
    if (!secret || secret.length < 4 || this.secrets.includes(secret)) return;
    this.secrets.push(secret);
    this.masker = createRedactor(this.secrets);
  }

  redact(text: string): string {
    return this.masker(text)
      .replace(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '$1****')
      .replace(/(aws_secret_access_key|aws_session_token|PGPASSWORD)(\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)/gi, '$1$2****');
  }
}
