package io.memserve.mempool.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * {@code transfer_with_insert}: make {@code dstPool} hold and publish the full blocks of {@code tokens}, which this
 * pool holds; only the blocks the destination lacks are sent.
 */
public record TransferWithInsertRequest(
        @NotBlank String dstPool,
        @NotBlank String model,
        @NotBlank String layout,
        @NotNull @JsonDeserialize(using = TokenIdsJson.Reader.class)
        @JsonSerialize(using = TokenIdsJson.Writer.class) int[] tokens) {
}
