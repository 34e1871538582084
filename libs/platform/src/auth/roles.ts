import { SetMetadata } from '@nestjs/common';

/** What a key may do. A route lists the roles it admits; there is no implicit super-user. */
export const ROLES = ['analyst', 'investigator', 'admin', 'ingest'] as const;
export type Role = (typeof ROLES)[number];

export const ROLES_KEY = 'lantern:roles';
export const PUBLIC_KEY = 'lantern:public';

/** Admits requests whose key has one of these roles. Every non-public route must say this. */
export const Roles = (...roles: [Role, ...Role[]]) => SetMetadata(ROLES_KEY, roles);

/** Admits anyone. Only for what must answer without a key: health checks, metrics, static files. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
