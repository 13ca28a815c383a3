import { useEffect, useMemo, useState } from "react";
import { AppBar, Box, Button, Chip, CircularProgress, Container, Stack, Toolbar, Typography } from "@mui/material";
import type { User, UserManager } from "oidc-client-ts";
import { ApiClient } from "./api";
import { rolesOf } from "./auth";
import { connectLiveFeed } from "./live";
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
          window.history.replaceState(null, "", "/");
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
    users.events.addUserLoaded(onLoaded);
    return () => users.events.removeUserLoaded(onLoaded);
  }, [users]);

  if (user === undefined) {
    return <CircularProgress sx={{ m: 4 }} aria-label="loading" />;
  }

  if (user === null) {
    return (
      <Container maxWidth="sm" sx={{ mt: 8 }}>
        <Typography variant="h4" component="h1" gutterBottom>AIOps</Typography>
        {error ? <Typography color="error" gutterBottom>{error}</Typography> : null}
        <Button variant="contained" onClick={() => void users.signinRedirect()}>Sign in</Button>
      </Container>
    );
  }

  return <Console user={user} users={users} />;
}

function Console({ user, users }: { user: User; users: UserManager }) {
  const token = useMemo(() => async () => (await users.getUser())?.access_token ?? null, [users]);
  const api = useMemo(() => new ApiClient(token), [token]);
  const live = useMemo(() => connectLiveFeed(token), [token]);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    let stopped = false;
    void live.start().then(() => !stopped && setConnected(true));
    return () => {
      stopped = true;
      void live.stop();
    };
  }, [live]);

  return (
    <Box>
      <AppBar position="static">
        <Toolbar>
          <Typography variant="h6" component="h1" sx={{ flexGrow: 1 }}>AIOps</Typography>
          <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
            <Typography>{user.profile.name ?? user.profile.sub}</Typography>
            {rolesOf(user).map((r) => <Chip key={r} size="small" color="secondary" label={r} />)}
            <Button color="inherit" onClick={() => void users.signoutRedirect()}>Sign out</Button>
          </Stack>
        </Toolbar>
      </AppBar>
      <Container maxWidth="lg" sx={{ mt: 3 }}>
        {connected ? <OverviewPage api={api} live={live} /> : <CircularProgress aria-label="connecting to the live feed" />}
      </Container>
    </Box>
  );
}
