package io.memserve.mempool.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** {@code transfer}: copy this pool's blocks {@code srcAddresses} into {@code dstPool}'s allocated {@code dstAddresses}. */
public record TransferRequest(
        @NotBlank String dstPool,
        @NotEmpty List<@NotNull Long> srcAddresses,
        @NotEmpty List<@NotNull Long> dstAddresses) {
}
