package io.memserve.openai;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code stream_options}: with {@code include_usage} a last chunk with empty choices carries the usage. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StreamOptions(Boolean includeUsage) {
}
