import { basename } from 'node:path';

/** Kubernetes and Docker names recoverable from a container log's path (null when the path doesn't say). */
export interface ContainerNames {
  namespace: string | null;
  pod: string | null;
  container: string | null;
  container_id: string | null;
}

/**
 * Reads names from the standard places: `/var/log/pods/<ns>_<pod>_<uid>/<container>/0.log`,
 * `/var/log/containers/<pod>_<ns>_<container>-<id>.log` and `/var/lib/docker/containers/<id>/<id>-json.log`.
 */
export function containerNames(path: string): ContainerNames {
  const p = path.replace(/\\/g, '/');
  const none: ContainerNames = { namespace: null, pod: null, container: null, container_id: null };
  const pods = /\/pods\/([^_/]+)_([^_/]+)_[^/]+\/([^/]+)\/\d+\.log(?:\.[^/]*)?$/.exec(p);
  if (pods) return { ...none, namespace: pods[1]!, pod: pods[2]!, container: pods[3]! };
  const containers = /\/containers\/([^_/]+)_([^_/]+)_(.+)-([0-9a-f]{64})\.log$/.exec(p);
  if (containers)
    return {
      namespace: containers[2]!,
      pod: containers[1]!,
      container: containers[3]!,
      container_id: containers[4]!,
    };
  const docker = /^([0-9a-f]{64})-json\.log(?:\.\d+)?$/.exec(basename(p));
  if (docker) return { ...none, container_id: docker[1]! };
  return none;
}
