import { createContext, useContext, useEffect, useRef } from "react";
import type { ApiClient } from "./api";
import type { LiveSource } from "./live";
import type { Permissions } from "./roles";

/** What every view of the signed-in console uses: the API, the live feed and what the user may do. */
export interface ConsoleServices {
  api: ApiClient;
  live: LiveSource;
  permissions: Permissions;
  /** The signed-in user's id as the server knows it (the token's subject). */
  userId: string;
}

export const ConsoleContext = createContext<ConsoleServices | null>(null);

export function useConsole(): ConsoleServices {
  const value = useContext(ConsoleContext);
  if (!value) {
    throw new Error("useConsole outside <ConsoleContext.Provider>");
  }

  return value;
}

/**
 * Marks the moment a view first shows its data and answers input (a `performance` mark "aiops:ready:<view>" and
 * `data-ready` on the view's element), so the end-to-end run can measure time to interactive.
 */
export function useReadyMark(view: string, ready: boolean): void {
  const marked = useRef(false);
  useEffect(() => {
    if (ready && !marked.current) {
      marked.current = true;
      performance.mark(`aiops:ready:${view}`);
      document.body.dataset["ready"] = view;
    }
  }, [view, ready]);
}
