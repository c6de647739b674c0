package io.memserve.serving.api;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** One generated token; {@code index} is its position in the completion (the first token is 0). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenEvent(int token, int index) implements WorkerEvent {
}
