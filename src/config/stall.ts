/**
 * The no-progress deadline every network path shares (core/stall.ts): one
 * input, `stall-timeout`, read by the cluster, etcd and S3 configs alike.
 */
import { DEFAULT_STALL_TIMEOUT } from "../core/stall.ts";
import type { InputSource } from "./inputs.ts";
import { input, readInputs } from "./schema.ts";

/** The no-progress deadline of every network path (core/stall.ts), shared by every capability that has one. */
export const stallInputs = {
  "stall-timeout": input.duration({
    description:
      "How long a network peer (the Kubernetes API, etcd, S3) may send or take no data, or take to connect, before the run fails naming it. A deadline on progress, not on the whole run. Watches get their own server-side end plus this.",
    default: DEFAULT_STALL_TIMEOUT,
    min: "1s",
  }),
};

/** `stall-timeout` in milliseconds, for the cluster, etcd and S3 configs that share it. */
export function stallTimeout(src: InputSource): number {
  return readInputs(stallInputs, src)["stall-timeout"];
}
