package io.memserve.scheduler.web;

import io.memserve.openai.GenerationRequest;
import io.memserve.openai.OpenAiErrors;
import io.memserve.scheduler.model.ServedModel;

/** A request for a model this cluster does not serve is a 404 {@code model_not_found}, as OpenAI answers it. */
final class ServedModelCheck {
    private ServedModelCheck() {
    }

    static void require(ServedModel model, GenerationRequest request) {
        if (!model.name().equals(request.model())) {
            throw OpenAiErrors.modelNotFound(request.model());
        }
    }
}
