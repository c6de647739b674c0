package io.memserve.openai;

import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code GET /v1/models}. {@code max_model_len} is the context length in tokens, as vLLM reports it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelList(String object, List<Model> data) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Model(String id, String object, long created, String ownedBy, int maxModelLen) {
        public static Model of(String id, long created, int maxModelLen) {
            return new Model(id, "model", created, "memserve", maxModelLen);
        }
    }

    public static ModelList of(List<Model> models) {
        return new ModelList("list", List.copyOf(models));
    }
}
