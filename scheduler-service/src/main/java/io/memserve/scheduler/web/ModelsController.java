package io.memserve.scheduler.web;

import java.util.List;

import io.memserve.openai.ModelList;
import io.memserve.scheduler.model.ServedModel;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/models}: the one model this cluster serves. */
@RestController
class ModelsController {
    private final ServedModel model;

    ModelsController(ServedModel model) {
        this.model = model;
    }

    @GetMapping("/v1/models")
    ResponseEntity<String> models() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(OpenAiJson.write(ModelList.of(
                List.of(ModelList.Model.of(model.name(), model.createdEpochSeconds(), model.maxContext())))));
    }
}
