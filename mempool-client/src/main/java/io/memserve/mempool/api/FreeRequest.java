package io.memserve.mempool.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** {@code free_mem}: release blocks; {@code leaseId}, when given, drops that lease's pin on them first. */
public record FreeRequest(@NotEmpty List<@NotNull Long> addresses, String leaseId) {
}
