// PlanetScale Postgres ports: direct Postgres and PSBouncer (transaction pooling).
export type PortChoice = 5432 | 6432 | 'both';
export const DIRECT_PORT = 5432;
export const POOLED_PORT = 6432;
