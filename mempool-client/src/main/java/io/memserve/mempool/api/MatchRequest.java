package io.memserve.mempool.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * {@code match}: the longest cached prefix of {@code tokens} in whole blocks. Blocks held by this pool are pinned under
 * {@code leaseId} (a new lease when absent); {@code localOnly} stops at the first block this pool does not hold, and
 * {@code fromBlock} (with {@code localOnly}) starts the run at that block index, for a client fetching the part of a
 * prefix that another pool does not hold.
 */
public record MatchRequest(
        @NotBlank String model,
        @NotBlank String layout,
        @NotNull @JsonDeserialize(using = TokenIdsJson.Reader.class)
        @JsonSerialize(using = TokenIdsJson.Writer.class) int[] tokens,
        String leaseId,
        @Positive Long leaseTtlMs,
        boolean localOnly,
        @PositiveOrZero int fromBlock) {
}
