import * as vscode from 'vscode';

export interface PlanetScaleToken {
  id: string;
  secret: string;
  source: 'secretStorage' | 'environment';
}

const ID_KEY = 'planetscalePrivateLink.serviceTokenId';
const SECRET_KEY = 'planetscalePrivateLink.serviceToken';

/** Where a secret that was read or stored is registered, so every log and message masks it. */
export interface SecretRegistry {
  add(secret: string | undefined): void;
}

/** The service token lives only in SecretStorage (or the environment); never in settings or state. */
export class PlanetScaleTokenStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly registry?: SecretRegistry,
  ) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === ID_KEY || e.key === SECRET_KEY) this.changed.fire();
    });
  }

  /** The token, registered with the redactor as it is read (from secret storage or the environment). */
  async get(): Promise<PlanetScaleToken | undefined> {
    const [id, secret] = await Promise.all([this.secrets.get(ID_KEY), this.secrets.get(SECRET_KEY)]);
    if (id && secret) return this.registered({ id, secret, source: 'secretStorage' });
    const envId = this.env.PLANETSCALE_SERVICE_TOKEN_ID?.trim();
    const envSecret = this.env.PLANETSCALE_SERVICE_TOKEN?.trim();
    if (envId && envSecret) return this.registered({ id: envId, secret: envSecret, source: 'environment' });
    return undefined;
  }

  private registered(token: PlanetScaleToken): PlanetScaleToken {
    this.registry?.add(token.secret);
    // The API's Authorization header is "<id>:<token>"; an error that echoes it is masked whole.
    this.registry?.add(`${token.id}:${token.secret}`);
    return token;
  }

  async store(id: string, secret: string): Promise<void> {
    this.registry?.add(secret.trim());
    await this.secrets.store(ID_KEY, id.trim());
    await this.secrets.store(SECRET_KEY, secret.trim());
  }

  async clear(): Promise<void> {
    await this.secrets.delete(ID_KEY);
    await this.secrets.delete(SECRET_KEY);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
