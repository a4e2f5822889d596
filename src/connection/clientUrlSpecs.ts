// Per URL client: its parser's dialect, scheme, PSBouncer parameters and caveats.
import type { ClientKind } from './connectionFormats';

// How a URL's TLS parameters are read: the client's parser, not its brand.
export type Dialect = 'node-postgres' | 'postgres-js' | 'prisma-engine' | 'libpq' | 'go';

export interface UrlSpec {
  label: string;
  dialect: Dialect;
  scheme: string;
  /** Extra query parameters for a URL through PSBouncer (transaction pooling). */
  pooledParams?: Array<[string, string]>;
  notes: string[];
}

export const URL_SPECS: Record<Exclude<ClientKind, 'prisma' | 'libpq-env'>, UrlSpec> = {
  'node-postgres': {
    label: 'node-postgres (pg)', dialect: 'node-postgres', scheme: 'postgresql',
    notes: ['Pass the URL as connectionString and no separate ssl object: node-postgres lets URL ssl parameters replace it.'],
  },
  sequelize: {
    label: 'Sequelize', dialect: 'node-postgres', scheme: 'postgresql',
    notes: [
      'Sequelize drops sslmode from a URL; PGSSLMODE=verify-full makes node-postgres use TLS with certificate checks anyway.',
      'A custom CA file cannot be given through the environment: set dialectOptions.ssl.ca in code.',
    ],
  },
  'postgres-js': {
    label: 'postgres.js', dialect: 'postgres-js', scheme: 'postgres',
    pooledParams: [['prepare', 'false']],
    notes: ['postgres.js cannot take a CA file from the URL: with a custom CA pass ssl: { ca } in code.'],
  },
  psycopg: {
    label: 'psycopg 3', dialect: 'libpq', scheme: 'postgresql',
    notes: ['Through PSBouncer (6432) pass prepare_threshold=None to psycopg.connect unless PSBouncer supports prepared statements.'],
  },
  psycopg2: { label: 'psycopg2', dialect: 'libpq', scheme: 'postgresql', notes: [] },
  sqlalchemy: { label: 'SQLAlchemy', dialect: 'libpq', scheme: 'postgresql+psycopg2', notes: [] },
  django: {
    label: 'Django (dj-database-url)', dialect: 'libpq', scheme: 'postgres',
    notes: ['Through PSBouncer (6432) set DISABLE_SERVER_SIDE_CURSORS = True in the database settings.'],
  },
  'ruby-pg': { label: 'Ruby pg', dialect: 'libpq', scheme: 'postgresql', notes: [] },
  rails: {
    label: 'Rails (Active Record)', dialect: 'libpq', scheme: 'postgresql',
    pooledParams: [['prepared_statements', 'false']],
    notes: [],
  },
  pgx: {
    label: 'pgx (Go)', dialect: 'go', scheme: 'postgresql',
    pooledParams: [['default_query_exec_mode', 'exec']],
    notes: [],
  },
  'lib-pq': {
    label: 'lib/pq (Go)', dialect: 'go', scheme: 'postgresql',
    notes: ['lib/pq prefers ~/.postgresql/root.crt over the system roots when that file exists.'],
  },
};
