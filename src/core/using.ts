/**
 * Open, run, always close: the one shape behind withCluster, withEtcd and
 * withStore, so a run never leaves a connection, a port-forward or a
 * temporary kubeconfig behind, whatever it throws.
 */
export async function using<R, T>(
  open: Promise<R>,
  close: (resource: R) => unknown,
  fn: (resource: R) => Promise<T>,
): Promise<T> {
  const resource = await open;
  try {
    return await fn(resource);
  } finally {
    await close(resource);
  }
}
