package io.memserve.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClusterConfigTest {

    @Test
    void nameAndFlags() {
        ClusterConfig c = ClusterConfig.started(" pd-cache :  --mode=disaggregated   --cache=on --model=bench ");
        assertEquals("pd-cache", c.name());
        assertEquals(List.of("--mode=disaggregated", "--cache=on", "--model=bench"), c.devClusterFlags());
        assertTrue(c.startsCluster());
        assertEquals(List.of(), ClusterConfig.started("defaults:").devClusterFlags());
    }

    @Test
    void nameAndUrl() {
        ClusterConfig c = ClusterConfig.running("gpu=http://10.0.0.5:8080");
        assertEquals("gpu", c.name());
        assertEquals("http://10.0.0.5:8080", c.url());
        assertFalse(c.startsCluster());
    }

    @Test
    void malformedSpecsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClusterConfig.started("--mode=colocated"));
        assertThrows(IllegalArgumentException.class, () -> ClusterConfig.started("a/b: --cache=off"));
        assertThrows(IllegalArgumentException.class, () -> ClusterConfig.running("http://localhost:8080"));
    }
}
