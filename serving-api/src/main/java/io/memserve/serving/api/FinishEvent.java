package io.memserve.serving.api;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Last event of a stream: why it ended and the completion's length, token 0 included. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FinishEvent(FinishReason finishReason, int completionTokens) implements WorkerEvent {
}
