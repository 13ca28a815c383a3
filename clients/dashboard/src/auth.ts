import { UserManager, WebStorageStateStore, type User } from "oidc-client-ts";

// The platform's issuer (embedded by default) at the same origin as the page; the dashboard is its public client
// (authorization code with PKCE), registered by the silo with /callback as its redirect.
export const clientId = "aiops-dashboard";

export function createUserManager(origin: string = window.location.origin): UserManager {
  return new UserManager({
    authority: origin,
    client_id: clientId,
    redirect_uri: `${origin}/callback`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: "code",
    scope: "openid profile roles aiops-api",
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

/** The roles in the user's profile (the issuer puts them in the identity token). */
export function rolesOf(user: User | null): string[] {
  const role = user?.profile["role"];
  if (Array.isArray(role)) {
    return role.filter((r): r is string => typeof r === "string");
  }

  return typeof role === "string" ? [role] : [];
}
