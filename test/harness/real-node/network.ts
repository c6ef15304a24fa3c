/**
 * The real node's network, all on devices the harness creates (see config.ts
 * for why 198.18.0.0/15): a port-less bridge holding the node's /32 (this
 * kernel has no dummy device driver; a bridge with no ports serves the same
 * purpose: a local address on a device that leads nowhere), a bridge for
 * the pods, an `unreachable` route for the rest of the range, and the bridge
 * CNI plugin's configuration. Pods get a route to their own subnet only: no
 * default route, no masquerade, and `isGateway: false`, so the plugin does not
 * turn on IP forwarding (the harness gives the bridge its address itself, for
 * the kubelet's probes from the host).
 */
import fs from "node:fs";
import {
  BRIDGE_DEVICE,
  BRIDGE_IP,
  CNI_CONF_DIR,
  CNI_CONF_FILE,
  CNI_NETWORK,
  DUMMY_DEVICE,
  HARNESS_RANGE,
  NODE_IP,
  POD_SUBNET,
} from "./config.ts";
import { run } from "./run.ts";

function linkExists(name: string): boolean {
  return fs.existsSync(`/sys/class/net/${name}`);
}

export async function createNetwork(): Promise<void> {
  if (!linkExists(DUMMY_DEVICE)) await run("ip", ["link", "add", DUMMY_DEVICE, "type", "bridge"]);
  await run("ip", ["addr", "replace", `${NODE_IP}/32`, "dev", DUMMY_DEVICE]);
  await run("ip", ["link", "set", DUMMY_DEVICE, "up"]);
  if (!linkExists(BRIDGE_DEVICE)) await run("ip", ["link", "add", BRIDGE_DEVICE, "type", "bridge"]);
  const prefix = POD_SUBNET.split("/")[1];
  await run("ip", ["addr", "replace", `${BRIDGE_IP}/${prefix}`, "dev", BRIDGE_DEVICE]);
  await run("ip", ["link", "set", BRIDGE_DEVICE, "up"]);
  await run("ip", ["route", "replace", "unreachable", HARNESS_RANGE]);
  fs.mkdirSync(CNI_CONF_DIR, { recursive: true });
  fs.writeFileSync(CNI_CONF_FILE, JSON.stringify(cniConfig(), null, 2) + "\n");
}

export function cniConfig(): object {
  return {
    cniVersion: "0.4.0",
    name: CNI_NETWORK,
    plugins: [
      {
        type: "bridge",
        bridge: BRIDGE_DEVICE,
        isGateway: false,
        isDefaultGateway: false,
        ipMasq: false,
        hairpinMode: true,
        ipam: {
          type: "host-local",
          ranges: [
            [{ subnet: POD_SUBNET, rangeStart: POD_SUBNET.replace(/\.0\/24$/, ".10"), gateway: BRIDGE_IP }],
          ],
          // Only the pods' own subnet: nothing beyond the bridge is reachable from a pod.
          routes: [{ dst: POD_SUBNET }],
        },
      },
      { type: "portmap", capabilities: { portMappings: true }, snat: false },
    ],
  };
}

/** Removes the devices, the route and the CNI configuration (the pods' veths went with their namespaces). */
export async function removeNetwork(): Promise<void> {
  await run("ip", ["route", "del", "unreachable", HARNESS_RANGE], { allowFailure: true });
  for (const dev of [BRIDGE_DEVICE, DUMMY_DEVICE]) {
    if (linkExists(dev)) await run("ip", ["link", "del", dev], { allowFailure: true });
  }
  fs.rmSync(CNI_CONF_FILE, { force: true });
}
