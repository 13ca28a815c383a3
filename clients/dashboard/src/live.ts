import { HubConnectionBuilder, LogLevel, type HubConnection } from "@microsoft/signalr";
import type { TokenSource } from "./api";

// One connection to the silo's live feed; views subscribe to the groups they show (agents, incidents, ...).
export function connectLiveFeed(token: TokenSource): HubConnection {
  return new HubConnectionBuilder()
    .withUrl("/hubs/live", { accessTokenFactory: async () => (await token()) ?? "" })
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 30000])
    .configureLogging(LogLevel.Warning)
    .build();
}
