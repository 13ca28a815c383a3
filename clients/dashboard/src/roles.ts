// What the signed-in user may do, from the token's roles (weakest first; each includes the ones before it). The UI
// only hides what the server would refuse anyway: the server stays the authority.

export type Role = "viewer" | "operator" | "approver" | "admin";

const order: readonly Role[] = ["viewer", "operator", "approver", "admin"];

export interface Permissions {
  /** Acknowledge, resolve and annotate incidents; start and stop agents. */
  operate: boolean;
  /** Approve or reject pending actions (never one's own request). */
  approve: boolean;
  /** Change agents' configuration and the platform's policy. */
  admin: boolean;
}

export function permissionsOf(roles: readonly string[]): Permissions {
  const rank = Math.max(-1, ...roles.map((r) => order.indexOf(r as Role)));
  return { operate: rank >= 1, approve: rank >= 2, admin: rank >= 3 };
}

export const noPermissions: Permissions = { operate: false, approve: false, admin: false };
