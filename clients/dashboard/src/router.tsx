import { createContext, useContext, useEffect, useMemo, useState, type MouseEvent, type ReactNode } from "react";

// The dashboard's routes are plain paths (/incidents/inc-1, /approvals...); the silo answers each with the page, so
// deep links and reloads work. History API only: nothing here needs more than the path and its query.

export interface Location {
  path: string;
  search: URLSearchParams;
}

interface RouterValue {
  location: Location;
  navigate: (to: string, options?: { replace?: boolean }) => void;
}

const RouterContext = createContext<RouterValue | null>(null);

function current(): Location {
  return { path: window.location.pathname, search: new URLSearchParams(window.location.search) };
}

export function Router({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>(current);
  useEffect(() => {
    const onPop = () => setLocation(current());
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const value = useMemo<RouterValue>(
    () => ({
      location,
      navigate: (to, options) => {
        if (options?.replace) {
          window.history.replaceState(null, "", to);
        } else {
          window.history.pushState(null, "", to);
        }

        setLocation(current());
      },
    }),
    [location],
  );
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) {
    throw new Error("useRouter outside <Router>");
  }

  return value;
}

/** Props that make any clickable element a link: a real href (open in new tab works) and in-page navigation. */
export function useLinkProps(to: string): { href: string; onClick: (e: MouseEvent) => void } {
  const { navigate } = useRouter();
  return {
    href: to,
    onClick: (e: MouseEvent) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
        return;
      }

      e.preventDefault();
      navigate(to);
    },
  };
}

/** Matches "/incidents/:id" style patterns; returns the parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const got = path.split("/").filter(Boolean);
  if (want.length !== got.length) {
    return null;
  }

  const parameters: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? "";
    const g = got[i] ?? "";
    if (w.startsWith(":")) {
      parameters[w.slice(1)] = decodeURIComponent(g);
    } else if (w !== g) {
      return null;
    }
  }

  return parameters;
}
