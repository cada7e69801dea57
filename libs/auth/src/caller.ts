/** Who is calling, from a verified access token. */
export interface Caller {
  /** Subject: a person's or service client's id. */
  sub: string;
  roles: string[];
  /** Where a civil servant acts: their ministry, province and unit (administrative codes). */
  ministry?: string;
  province?: string;
  unit?: string;
  /** For service and integrator clients (client credentials). */
  clientId?: string;
}

export const ROLES = {
  /** Runs the platform: diagnostics, dead-letter replay. */
  platformOperator: 'platform.operator',
} as const;
