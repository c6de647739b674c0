package io.memserve.serving.api;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A mapper for the worker API outside Spring (clients, tests). The records name their fields in snake_case
 * themselves, so Spring's own mapper reads and writes them the same way; unknown fields are tolerated so either side
 * can grow first.
 */
public final class ServingJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ServingJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }
}
