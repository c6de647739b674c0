package io.memserve.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DevClusterCommandTest {

    @Test
    void defaultsAreTheIssues() {
        ClusterSpec spec = DevClusterCommand.parse();
        assertEquals(8080, spec.port());
        assertEquals(Mode.DISAGGREGATED, spec.mode());
        assertEquals(1, spec.prefill());
        assertEquals(1, spec.decode());
        assertEquals(2, spec.mempools(), "one pool per worker");
        assertTrue(spec.cache());
        assertEquals(Policy.PROMPT_TREE, spec.policy());
        assertEquals("tiny", spec.model());
        assertNull(spec.redisUrl(), "an embedded Redis");
        assertEquals(1, spec.apiKeys().size());
        assertTrue(spec.apiKeys().getFirst().startsWith("sk-memserve-"));
        assertTrue(!spec.apiKeys().getFirst().equals(DevClusterCommand.parse().apiKeys().getFirst()),
                "a fresh key every start");
    }

    @Test
    void everyOptionIsTaken() {
        ClusterSpec spec = DevClusterCommand.parse("--port=9000", "--prefill=2", "--decode=3", "--mempools=2",
                "--cache=off", "--policy=round-robin", "--api-key=a", "--api-key=b", "--redis=redis://h:1",
                "--model=bench");
        assertEquals(9000, spec.port());
        assertEquals(2, spec.prefill());
        assertEquals(3, spec.decode());
        assertEquals(2, spec.mempools());
        assertFalse(spec.cache());
        assertEquals(Policy.ROUND_ROBIN, spec.policy());
        assertEquals(List.of("a", "b"), spec.apiKeys());
        assertEquals("redis://h:1", spec.redisUrl());
        assertEquals("bench", spec.model());
    }

    @Test
    void colocatedRunsDecodeInstancesOnly() {
        ClusterSpec spec = DevClusterCommand.parse("--mode=colocated", "--decode=2");
        assertEquals(0, spec.prefill());
        assertEquals(2, spec.workers());
        assertEquals(2, spec.mempools());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DevClusterCommand.parse("--mode=colocated", "--prefill=1"));
        assertTrue(e.getMessage().contains("--prefill applies to disaggregated mode only"), e.getMessage());
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> DevClusterCommand.parse("--policy=fastest")).getMessage().contains("unknown policy 'fastest'"));
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> DevClusterCommand.parse("--mode=split")).getMessage().contains("unknown mode 'split'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DevClusterCommand.parse("--cache=yes")).getMessage().contains("--cache must be on or off"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DevClusterCommand.parse("--mempools=3")).getMessage().contains("--mempools must be between 1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DevClusterCommand.parse("--decode=0")).getMessage().contains("--decode must be at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DevClusterCommand.parse("--api-key=a,b")).getMessage().contains("without spaces or commas"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DevClusterCommand.parse("--port=70000")).getMessage().contains("--port must be between"));
    }
}
