package io.memserve.decode.web;

import io.memserve.decode.generation.GenerationWorker;
import io.memserve.decode.generation.RunOptions;
import io.memserve.openai.OpenAiError;
import io.memserve.openai.OpenAiErrors;
import io.memserve.openai.OpenAiException;
import io.memserve.serving.api.DecodeRequest;
import io.memserve.serving.api.GenerateRequest;
import io.memserve.serving.api.InstanceRole;
import io.memserve.serving.api.WorkerEvent;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** The worker API of docs/serving-internals.md: decode after a remote prefill, or a whole colocated generation. */
@RestController
class WorkerController {

    private final GenerationWorker worker;
    private final WorkerRequests requests;
    private final InstanceRole role;

    WorkerController(GenerationWorker worker, WorkerRequests requests, InstanceRole role) {
        this.worker = worker;
        this.requests = requests;
        this.role = role;
    }

    @PostMapping(path = "/internal/decode", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<WorkerEvent>> decode(@Valid @RequestBody DecodeRequest request) {
        requireRole(InstanceRole.DECODE, "/internal/decode");
        return events(worker.run(requests.plan(request), RunOptions.decode(request.cache(), request.prefillPool())));
    }

    @PostMapping(path = "/internal/generate", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<WorkerEvent>> generate(@Valid @RequestBody GenerateRequest request) {
        requireRole(InstanceRole.COLOCATED, "/internal/generate");
        return events(worker.run(requests.plan(request), RunOptions.colocated(request.cache())));
    }

    private void requireRole(InstanceRole needed, String path) {
        if (role != needed) {
            throw new OpenAiException(404, OpenAiError.of("This instance runs role " + role.wire() + "; POST " + path
                    + " is served by instances of role " + needed.wire() + ".", OpenAiErrors.INVALID_REQUEST, null,
                    "unknown_url"));
        }
    }

    private static Flux<ServerSentEvent<WorkerEvent>> events(Flux<WorkerEvent> events) {
        return events.map(event -> ServerSentEvent.builder(event).build());
    }
}
