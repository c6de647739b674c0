package io.memserve.serving.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceRecordTest {

    private final InstanceRecord record = new InstanceRecord("prefill-0", InstanceRole.PREFILL,
            "http://localhost:8101", "pool-p0", "tiny", 512, 2, 1, 300, 1_700_000_000_000L);

    @Test
    void hashRoundTripsWithTheDocumentedFieldNames() {
        Map<String, String> hash = record.toHash();

        assertEquals("prefill", hash.get("role"));
        assertEquals("512", hash.get("max_context"));
        assertEquals("300", hash.get("free_kv_pages"));
        assertEquals(record, InstanceRecord.fromHash("prefill-0", hash));
    }

    @Test
    void aMissingFieldIsNamedInTheError() {
        Map<String, String> hash = new java.util.HashMap<>(record.toHash());
        hash.remove("pool");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> InstanceRecord.fromHash("prefill-0", hash));
        assertTrue(error.getMessage().contains("'pool'"), error.getMessage());
    }

    @Test
    void aMalformedNumberOrRoleIsRefused() {
        Map<String, String> badNumber = new java.util.HashMap<>(record.toHash());
        badNumber.put("running", "many");
        Map<String, String> badRole = new java.util.HashMap<>(record.toHash());
        badRole.put("role", "router");

        assertThrows(IllegalArgumentException.class, () -> InstanceRecord.fromHash("prefill-0", badNumber));
        assertThrows(IllegalArgumentException.class, () -> InstanceRecord.fromHash("prefill-0", badRole));
    }

    @Test
    void keysFollowTheRegistryLayout() {
        assertEquals("memserve:instances", InstanceRegistryKeys.INSTANCES);
        assertEquals("memserve:instance:decode-1", InstanceRegistryKeys.instance("decode-1"));
        assertEquals("memserve:instance:decode-1:alive", InstanceRegistryKeys.alive("decode-1"));
        assertThrows(IllegalArgumentException.class, () -> InstanceRegistryKeys.alive("a:b"));
    }
}
