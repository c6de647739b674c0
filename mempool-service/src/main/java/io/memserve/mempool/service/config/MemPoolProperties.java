package io.memserve.mempool.service.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * A pool's configuration ({@code mempool.*}, overridable as {@code MEMPOOL_*}). {@code dataPort} 0 picks a free port,
 * which is then what the pool advertises.
 */
@Validated
@ConfigurationProperties("mempool")
public record MemPoolProperties(
        // Redis lists a key's holders as "pool=TIER,pool=TIER" (docs/mempool-redis.md).
        @NotBlank @Pattern(regexp = "[^\\s,=]+", message = "must not contain whitespace, ',' or '='") String poolId,
        @NotBlank String advertisedHost,
        @Min(0) int dataPort,
        @NotBlank String clusterSecret,
        @NotNull DataSize dramCapacity,
        @NotNull Duration leaseTtl,
        @NotNull Duration heartbeatInterval,
        @NotNull Duration heartbeatTtl,
        @Valid @NotNull Hbm hbm) {

    /** The optional HBM tier: off unless enabled, and then only when a CUDA device is present. */
    public record Hbm(boolean enabled, @NotNull DataSize capacity, @Min(0) int device) {
    }
}
