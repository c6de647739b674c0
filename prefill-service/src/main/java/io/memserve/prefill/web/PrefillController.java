package io.memserve.prefill.web;

import io.memserve.prefill.work.PrefillWorker;
import io.memserve.serving.api.PrefillRequest;
import io.memserve.serving.api.PrefillResponse;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The worker API of docs/serving-internals.md: {@code POST /internal/prefill}. */
@RestController
class PrefillController {

    private final PrefillWorker worker;

    PrefillController(PrefillWorker worker) {
        this.worker = worker;
    }

    @PostMapping(path = "/internal/prefill", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PrefillResponse> prefill(@Valid @RequestBody PrefillRequest request) {
        return worker.prefill(request);
    }
}
