package io.memserve.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ResponseJsonTest {
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void errorJsonKeepsNullParamAndCode() {
        assertEquals("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"param\":null,\"code\":null}}",
                json.writeValueAsString(OpenAiErrors.serverError("boom").error()));
        assertEquals(404, OpenAiErrors.modelNotFound("gpt-9").status());
        assertEquals("model_not_found", OpenAiErrors.modelNotFound("gpt-9").error().error().code());
    }

    @Test
    void chatChunksHaveTheRoleDeltaFinishAndUsageShapes() {
        assertEquals("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":9,\"model\":\"tiny\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
                json.writeValueAsString(ChatCompletionChunk.role("c1", 9, "tiny")));
        assertEquals("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":9,\"model\":\"tiny\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}",
                json.writeValueAsString(ChatCompletionChunk.finish("c1", 9, "tiny", FinishReason.LENGTH)));
        assertEquals("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":9,\"model\":\"tiny\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":3,\"total_tokens\":13,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":8}}}",
                json.writeValueAsString(ChatCompletionChunk.usage("c1", 9, "tiny", Usage.of(10, 3, 8))));
    }

    @Test
    void completionsRoundTripWithTokenIds() {
        TextCompletion completion = TextCompletion.of("x", 1, "tiny",
                new TextCompletion.Choice(0, "ab", FinishReason.STOP, List.of(1, 2), List.of(3)), Usage.of(2, 1, 0));
        String text = json.writeValueAsString(completion);
        assertEquals("{\"id\":\"x\",\"object\":\"text_completion\",\"created\":1,\"model\":\"tiny\",\"choices\":"
                + "[{\"index\":0,\"text\":\"ab\",\"finish_reason\":\"stop\",\"prompt_token_ids\":[1,2],\"token_ids\":[3]}],"
                + "\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1,\"total_tokens\":3,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":0}}}", text);
        assertEquals(completion, json.readValue(text, TextCompletion.class));

        ChatCompletion chat = ChatCompletion.of("y", 2, "tiny", "hello", FinishReason.LENGTH, Usage.of(4, 5, 0));
        assertEquals(chat, json.readValue(json.writeValueAsString(chat), ChatCompletion.class));
        ModelList models = ModelList.of(List.of(ModelList.Model.of("tiny", 3, 256)));
        assertEquals(models, json.readValue(json.writeValueAsString(models), ModelList.class));
    }
}
