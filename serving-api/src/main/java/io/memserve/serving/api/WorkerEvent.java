package io.memserve.serving.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One {@code data:} event of a worker's token stream. The kinds carry disjoint field names, so a reader tells them
 * apart by their fields: {@code ServingJson.mapper().readValue(data, WorkerEvent.class)}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({
        @JsonSubTypes.Type(MetaEvent.class),
        @JsonSubTypes.Type(TokenEvent.class),
        @JsonSubTypes.Type(FinishEvent.class)})
public sealed interface WorkerEvent permits MetaEvent, TokenEvent, FinishEvent {
}
