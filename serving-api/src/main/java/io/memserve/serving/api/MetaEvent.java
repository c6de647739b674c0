package io.memserve.serving.api;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** First event of a colocated generation: the prompt's length and how many of its tokens came from MemPool. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetaEvent(int promptTokens, int cachedTokens) implements WorkerEvent {
}
