package io.memserve.mempool.api;

import java.util.List;

/** The blocks a swap moved; they keep their addresses. */
public record SwapResponse(List<Long> moved) {
}
