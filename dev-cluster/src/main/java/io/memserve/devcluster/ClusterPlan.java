package io.memserve.devcluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every process of one cluster with its ports and environment, decided before anything starts. Start order is the
 * order of the groups: the pools first (workers reach them at start-up), then workers, scheduler and gateway together.
 *
 * @param workerIds the instance ids the scheduler must see registered before the cluster is ready
 */
record ClusterPlan(List<ServiceSpec> mempools, List<ServiceSpec> workers, ServiceSpec scheduler, ServiceSpec gateway,
        List<String> workerIds) {

    private static final String WORKER_HEAP = "768m";
    private static final String SERVICE_HEAP = "384m";

    static ClusterPlan of(ClusterSpec spec, String redisUrl, ServedModel model, String clusterSecret, FreePorts ports) {
        List<ServiceSpec> mempools = new ArrayList<>();
        for (int k = 0; k < spec.mempools(); k++) {
            String poolId = poolId(k);
            int http = ports.next();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SERVER_PORT", Integer.toString(http));
            env.put("MEMPOOL_POOL_ID", poolId);
            env.put("MEMPOOL_HTTP_PORT", Integer.toString(http));
            env.put("MEMPOOL_DATA_PORT", Integer.toString(ports.next()));
            env.put("MEMPOOL_ADVERTISED_HOST", "127.0.0.1");
            env.put("MEMPOOL_CLUSTER_SECRET", clusterSecret);
            env.put("MEMPOOL_DRAM_CAPACITY", spec.poolCapacity());
            env.put("MEMPOOL_REDIS_URL", redisUrl);
            env.put("SPRING_DATA_REDIS_URL", redisUrl);
            mempools.add(new ServiceSpec("mempool-" + k, "mempool-service", SERVICE_HEAP, env, http));
        }

        List<ServiceSpec> workers = new ArrayList<>();
        List<String> workerIds = new ArrayList<>();
        for (int i = 0; i < spec.workers(); i++) {
            String role = roleOfWorker(spec, i);
            String id = role + "-" + (role.equals("prefill") ? i : i - spec.prefill());
            int http = ports.next();
            ServiceSpec pool = mempools.get(i % spec.mempools());
            Map<String, String> env = new LinkedHashMap<>(modelEnvironment(redisUrl, model, http));
            env.put("MEMSERVE_INSTANCE_ID", id);
            env.put("MEMSERVE_ADVERTISED_URL", "http://127.0.0.1:" + http);
            env.put("MEMSERVE_MEMPOOL_URL", pool.url());
            env.put("MEMSERVE_CLUSTER_SECRET", clusterSecret);
            String module = role.equals("prefill") ? "prefill-service" : "decode-service";
            if (!role.equals("prefill")) {
                env.put("MEMSERVE_ROLE", role);
            }
            workers.add(new ServiceSpec(id, module, WORKER_HEAP, env, http));
            workerIds.add(id);
        }

        int schedulerPort = ports.next();
        Map<String, String> schedulerEnv = new LinkedHashMap<>(modelEnvironment(redisUrl, model, schedulerPort));
        schedulerEnv.put("MEMSERVE_CACHE", Boolean.toString(spec.cache()));
        schedulerEnv.put("MEMSERVE_POLICY", spec.policy().id());
        ServiceSpec scheduler = new ServiceSpec("scheduler", "scheduler-service", SERVICE_HEAP, schedulerEnv,
                schedulerPort);

        int gatewayPort = ports.orFree(spec.port());
        Map<String, String> gatewayEnv = new LinkedHashMap<>();
        gatewayEnv.put("SERVER_PORT", Integer.toString(gatewayPort));
        gatewayEnv.put("SPRING_DATA_REDIS_URL", redisUrl);
        gatewayEnv.put("MEMSERVE_REDIS_URL", redisUrl);
        gatewayEnv.put("MEMSERVE_SCHEDULER_URL", scheduler.url());
        gatewayEnv.put("MEMSERVE_API_KEYS", String.join(",", spec.apiKeys()));
        ServiceSpec gateway = new ServiceSpec("gateway", "gateway", SERVICE_HEAP, gatewayEnv, gatewayPort);

        return new ClusterPlan(List.copyOf(mempools), List.copyOf(workers), scheduler, gateway, List.copyOf(workerIds));
    }

    static String poolId(int k) {
        return "pool-" + k;
    }

    private static String roleOfWorker(ClusterSpec spec, int i) {
        if (spec.mode() == Mode.COLOCATED) {
            return "colocated";
        }
        return i < spec.prefill() ? "prefill" : "decode";
    }

    private static Map<String, String> modelEnvironment(String redisUrl, ServedModel model, int port) {
        return Map.of("SERVER_PORT", Integer.toString(port), "SPRING_DATA_REDIS_URL", redisUrl,
                "MEMSERVE_MODEL_DIR", model.directory().toString(), "MEMSERVE_MODEL_NAME", model.name());
    }
}
