package io.memserve.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClusterPlanTest {

    private static final String REDIS = "redis://127.0.0.1:6390";
    private static final ServedModel MODEL = new ServedModel(Path.of("/models/tiny-seed0"), "tiny");

    @Test
    void workerIUsesPoolIModK() {
        ClusterPlan plan = plan("--prefill=2", "--decode=3", "--mempools=2");
        assertEquals(List.of("prefill-0", "prefill-1", "decode-0", "decode-1", "decode-2"), plan.workerIds());
        List<String> poolUrls = plan.mempools().stream().map(ServiceSpec::url).toList();
        for (int i = 0; i < plan.workers().size(); i++) {
            assertEquals(poolUrls.get(i % 2), plan.workers().get(i).environment().get("MEMSERVE_MEMPOOL_URL"));
        }
        assertEquals(List.of("pool-0", "pool-1"),
                plan.mempools().stream().map(p -> p.environment().get("MEMPOOL_POOL_ID")).toList());
    }

    @Test
    void everyServiceGetsTheEnvironmentOfTheContracts() {
        ClusterPlan plan = plan("--policy=session", "--cache=off", "--api-key=k1", "--api-key=k2");
        ServiceSpec pool = plan.mempools().getFirst();
        assertEquals("256MB", pool.environment().get("MEMPOOL_DRAM_CAPACITY"));
        assertEquals(REDIS, pool.environment().get("MEMPOOL_REDIS_URL"));
        assertEquals("secret", pool.environment().get("MEMPOOL_CLUSTER_SECRET"));

        ServiceSpec prefill = plan.workers().getFirst();
        assertEquals("prefill-service", prefill.module());
        assertEquals("prefill-0", prefill.environment().get("MEMSERVE_INSTANCE_ID"));
        assertEquals("http://127.0.0.1:" + prefill.httpPort(), prefill.environment().get("MEMSERVE_ADVERTISED_URL"));
        assertEquals("/models/tiny-seed0", prefill.environment().get("MEMSERVE_MODEL_DIR"));
        assertEquals("tiny", prefill.environment().get("MEMSERVE_MODEL_NAME"));
        assertEquals("secret", prefill.environment().get("MEMSERVE_CLUSTER_SECRET"));

        ServiceSpec decode = plan.workers().get(1);
        assertEquals("decode-service", decode.module());
        assertEquals("decode", decode.environment().get("MEMSERVE_ROLE"));

        assertEquals("false", plan.scheduler().environment().get("MEMSERVE_CACHE"));
        assertEquals("session", plan.scheduler().environment().get("MEMSERVE_POLICY"));
        assertEquals(REDIS, plan.scheduler().environment().get("SPRING_DATA_REDIS_URL"));

        assertEquals("k1,k2", plan.gateway().environment().get("MEMSERVE_API_KEYS"));
        assertEquals(plan.scheduler().url(), plan.gateway().environment().get("MEMSERVE_SCHEDULER_URL"));
        assertEquals(REDIS, plan.gateway().environment().get("MEMSERVE_REDIS_URL"));
    }

    @Test
    void colocatedWorkersAreDecodeServicesInTheColocatedRole() {
        ClusterPlan plan = plan("--mode=colocated", "--decode=2");
        assertEquals(List.of("colocated-0", "colocated-1"), plan.workerIds());
        for (ServiceSpec worker : plan.workers()) {
            assertEquals("decode-service", worker.module());
            assertEquals("colocated", worker.environment().get("MEMSERVE_ROLE"));
        }
    }

    @Test
    void portsAreDistinctAndTheGatewayKeepsItsOwn() {
        ClusterPlan plan = plan("--port=18080", "--prefill=2", "--decode=2");
        assertEquals(18080, plan.gateway().httpPort());
        Set<String> ports = new HashSet<>();
        Stream.concat(Stream.concat(plan.mempools().stream(), plan.workers().stream()),
                Stream.of(plan.scheduler(), plan.gateway())).forEach(s -> {
                    assertEquals(Integer.toString(s.httpPort()), s.environment().get("SERVER_PORT"));
                    assertTrue(ports.add(s.environment().get("SERVER_PORT")), "port used twice");
                });
        plan.mempools().forEach(p -> assertTrue(ports.add(p.environment().get("MEMPOOL_DATA_PORT"))));
    }

    private static ClusterPlan plan(String... args) {
        return ClusterPlan.of(DevClusterCommand.parse(args), REDIS, MODEL, "secret", new FreePorts());
    }
}
