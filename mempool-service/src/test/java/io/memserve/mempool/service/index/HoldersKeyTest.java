package io.memserve.mempool.service.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.memserve.kvblock.BlockKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HoldersKeyTest {

    @Test
    void theRedisNameIsThePrefixAndTheKeysHexAsStringAndAsBytes() {
        BlockKey key = new BlockKey(-1, 42);

        assertThat(HoldersKey.of(key)).isEqualTo("memserve:holders:" + key.hex());
        assertThat(new String(HoldersKey.bytes(key), StandardCharsets.US_ASCII)).isEqualTo(HoldersKey.of(key));
    }
}
