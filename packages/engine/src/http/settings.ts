import type { WorkspaceConfig } from '../core/config.js';

/** The HTTP settings of a workspace (`settings.http` in sightline.json). */
export interface HttpSettings {
  /** Allow requests to loopback and private networks even when the workbench listens beyond 127.0.0.1. */
  allowPrivateNetworks: boolean;
}

/** Reads `settings.http` from the workspace settings, with defaults. */
export function httpSettings(config: WorkspaceConfig): HttpSettings {
  const http = config.settings.http as { allowPrivateNetworks?: unknown } | undefined;
  return { allowPrivateNetworks: http?.allowPrivateNetworks === true };
}

/** Whether requests may reach private networks: always when listening on loopback only, else if settings allow. */
export function allowPrivateFor(listensOnLoopbackOnly: boolean, config: WorkspaceConfig): boolean {
  return listensOnLoopbackOnly || httpSettings(config).allowPrivateNetworks;
}
