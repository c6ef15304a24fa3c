/** etcd-drill's run: the drill (etcd/drill/drill.ts), phase by phase, its throwaway processes always cleaned up. */
export { runDrill as run } from "../../etcd/drill/drill.ts";
