package io.memserve.devcluster;

import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A whole HTTP answer from the gateway. */
record HttpResult(int status, HttpHeaders headers, String body) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    JsonNode json() {
        return JSON.readTree(body);
    }
}
