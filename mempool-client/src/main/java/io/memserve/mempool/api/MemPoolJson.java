package io.memserve.mempool.api;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The JSON conventions of MemPool's REST API: snake_case names; unknown fields are tolerated by readers. */
public final class MemPoolJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private MemPoolJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }
}
