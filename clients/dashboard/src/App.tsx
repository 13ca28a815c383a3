import { Suspense, lazy, useEffect, useMemo, useState, type ReactNode } from "react";
import {
  AppBar, Badge, Box, Button, Chip, CircularProgress, Container, Drawer, List, ListItemButton, ListItemText, Stack, Toolbar, Tooltip, Typography,
} from "@mui/material";
import type { User, UserManager } from "oidc-client-ts";
import { ApiClient, type Approval } from "./api";
import { rolesOf } from "./auth";
import { ConsoleContext, useConsole, type ConsoleServices } from "./console";
import { LiveFeed } from "./live";
import { permissionsOf } from "./roles";
import { Router, match, useLinkProps, useRouter } from "./router";
import { AgentsPage } from "./views/AgentsPage";
import { ApprovalsPage } from "./views/ApprovalsPage";
import { AuditPage } from "./views/AuditPage";
import { IncidentDetailPage } from "./views/IncidentDetailPage";
import { IncidentsPage } from "./views/IncidentsPage";
import { OverviewPage } from "./views/OverviewPage";

export interface AppProps {
  users: UserManager;
}

/** Signs in through the platform's issuer (completing the redirect on /callback), then shows the console. */
export function App({ users }: AppProps) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    void (async () => {
      try {
        if (window.location.pathname === "/callback") {
          const signedIn = await users.signinRedirectCallback();
          const back = typeof signedIn.state === "string" && signedIn.state.startsWith("/") && !signedIn.state.startsWith("//") ? signedIn.state : "/";
          window.history.replaceState(null, "", back);
          setUser(signedIn);
          return;
        }

        const stored = await users.getUser();
        setUser(stored && !stored.expired ? stored : null);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
        setUser(null);
      }
    })();
    const onLoaded = (loaded: User) => setUser(loaded);
    const onUnloaded = () => setUser(null);
    users.events.addUserLoaded(onLoaded);
    users.events.addUserUnloaded(onUnloaded);
    return () => {
      users.events.removeUserLoaded(onLoaded);
      users.events.removeUserUnloaded(onUnloaded);
    };
  }, [users]);

  if (user === undefined) {
    return <CircularProgress sx={{ m: 4 }} aria-label="loading" />;
  }

  if (user === null) {
    // Coming back to the page the user asked for (a deep link) once signed in.
    const back = window.location.pathname === "/callback" ? "/" : window.location.pathname + window.location.search;
    return (
      <Container maxWidth="sm" sx={{ mt: 8 }}>
        <Typography variant="h4" component="h1" gutterBottom>AIOps</Typography>
        <Typography gutterBottom>Operations console: agents, incidents, approvals and the estate, live.</Typography>
        {error ? <Typography color="error" gutterBottom role="alert">{error}</Typography> : null}
        <Button variant="contained" onClick={() => void users.signinRedirect({ state: back })}>Sign in</Button>
      </Container>
    );
  }

  return (
    <Router>
      <Console user={user} users={users} />
    </Router>
  );
}

// The map and its charts are the heaviest part of the app: loaded when first opened.
const CostPage = lazy(() => import("./views/CostPage").then((m) => ({ default: m.CostPage })));
const TopologyPage = lazy(() => import("./views/topology/TopologyPage").then((m) => ({ default: m.TopologyPage })));

const drawerWidth = 200;

interface NavItem {
  to: string;
  label: string;
}

const nav: readonly NavItem[] = [
  { to: "/", label: "Overview" },
  { to: "/topology", label: "Topology" },
  { to: "/incidents", label: "Incidents" },
  { to: "/approvals", label: "Approvals" },
  { to: "/cost", label: "Cost" },
  { to: "/agents", label: "Agents" },
  { to: "/audit", label: "Audit" },
];

function Console({ user, users }: { user: User; users: UserManager }) {
  const token = useMemo(() => async () => (await users.getUser())?.access_token ?? null, [users]);
  const api = useMemo(() => new ApiClient(token), [token]);
  const live = useMemo(() => LiveFeed.connect(token), [token]);
  const [connected, setConnected] = useState(false);
  // Once the console has shown, a reconnect keeps it (and any dialog being typed in); only the chip says offline.
  const [started, setStarted] = useState(false);
  const [feedError, setFeedError] = useState<string | undefined>(undefined);
  const roles = rolesOf(user);
  const services = useMemo<ConsoleServices>(
    () => ({ api, live, permissions: permissionsOf(roles), userId: user.profile.sub }),
    // roles is derived from user
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, live, user],
  );

  useEffect(() => {
    let stopped = false;
    live.connection.onreconnecting(() => !stopped && setConnected(false));
    live.connection.onreconnected(() => !stopped && setConnected(true));
    void live
      .start()
      .then(() => {
        if (!stopped) {
          setConnected(true);
          setStarted(true);
        }
      })
      .catch((e: unknown) => !stopped && setFeedError(e instanceof Error ? e.message : String(e)));
    return () => {
      stopped = true;
      void live.connection.stop();
    };
  }, [live]);

  return (
    <ConsoleContext.Provider value={services}>
      <Box sx={{ display: "flex" }}>
        <AppBar position="fixed" sx={{ zIndex: (t) => t.zIndex.drawer + 1 }}>
          <Toolbar>
            <Typography variant="h6" component="div" sx={{ flexGrow: 1 }}>AIOps</Typography>
            <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
              <Tooltip title={connected ? "Live feed connected" : "Live feed reconnecting"}>
                <Chip size="small" label={connected ? "live" : "offline"} color={connected ? "success" : "warning"} data-testid="live-state" />
              </Tooltip>
              <Typography data-testid="user-name" data-user={user.profile.sub}>{user.profile.name ?? user.profile.sub}</Typography>
              {roles.map((r) => <Chip key={r} size="small" color="secondary" label={r} />)}
              <Button color="inherit" onClick={() => void users.signoutRedirect()}>Sign out</Button>
            </Stack>
          </Toolbar>
        </AppBar>
        <Drawer variant="permanent" sx={{ width: drawerWidth, flexShrink: 0, [`& .MuiDrawer-paper`]: { width: drawerWidth, boxSizing: "border-box" } }}>
          <Toolbar />
          <Navigation />
        </Drawer>
        <Box component="main" sx={{ flexGrow: 1, p: 3, minWidth: 0 }}>
          <Toolbar />
          {feedError ? <Typography color="error" role="alert">Live feed: {feedError}</Typography> : null}
          {started ? (
            <Suspense fallback={<CircularProgress aria-label="loading the view" />}>
              <Routes />
            </Suspense>
          ) : <CircularProgress aria-label="connecting to the live feed" />}
        </Box>
      </Box>
    </ConsoleContext.Provider>
  );
}

function Navigation() {
  return (
    <List component="nav" aria-label="views">
      {nav.map((item) => <NavLink key={item.to} item={item} />)}
    </List>
  );
}

function NavLink({ item }: { item: NavItem }) {
  const { location } = useRouter();
  const link = useLinkProps(item.to);
  const selected = item.to === "/" ? location.path === "/" : location.path.startsWith(item.to);
  return (
    <ListItemButton component="a" {...link} selected={selected}>
      <ListItemText primary={item.to === "/approvals" ? <PendingBadge>{item.label}</PendingBadge> : item.label} />
    </ListItemButton>
  );
}

/** The number of pending approvals beside the inbox's link, kept live. */
function PendingBadge({ children }: { children: ReactNode }) {
  return <Badge color="warning" badgeContent={usePendingCount()} max={99} sx={{ pr: 1.5 }}>{children}</Badge>;
}

function usePendingCount(): number {
  const { api, live } = useConsole();
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let current = true;
    const isCurrent = () => current;
    const off = live.on("ApprovalChanged", (a: Approval) =>
      setPending((p) => {
        const next = new Set(p);
        if (a.status === "pending") {
          next.add(a.actionId);
        } else {
          next.delete(a.actionId);
        }

        return next;
      }),
    );
    let release: (() => void) | undefined;
    void (async () => {
      try {
        const subscribed = await live.subscribe("approvals");
        if (isCurrent()) {
          release = subscribed;
        } else {
          subscribed();
        }
      } catch {
        // A team-scoped user cannot follow every approval: the count is read once, the inbox page lists theirs.
      }

      try {
        const inbox = await api.approvalInbox();
        if (isCurrent()) {
          setPending((p) => new Set([...p, ...inbox.map((i) => i.approval.actionId)]));
        }
      } catch {
        // The badge is a hint; the inbox page shows the problem.
      }
    })();
    return () => {
      current = false;
      off();
      release?.();
    };
  }, [api, live]);
  return pending.size;
}

function Routes() {
  const { location } = useRouter();
  const path = location.path;
  if (path === "/") {
    return <OverviewPage />;
  }

  if (path === "/topology") {
    return <TopologyPage />;
  }

  if (path === "/incidents") {
    return <IncidentsPage />;
  }

  const incident = match("/incidents/:id", path);
  if (incident?.["id"]) {
    return <IncidentDetailPage key={incident["id"]} id={incident["id"]} />;
  }

  if (path === "/approvals") {
    return <ApprovalsPage />;
  }

  if (path === "/cost") {
    return <CostPage />;
  }

  if (path === "/audit") {
    return <AuditPage />;
  }

  const agent = match("/agents/:id", path);
  if (path === "/agents" || agent) {
    return <AgentsPage selected={agent?.["id"]} />;
  }

  return <Typography>There is no page at {path}.</Typography>;
}
