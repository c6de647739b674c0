package io.memserve.tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What transformers keeps beside tokenizer.json: the named special tokens ({@code bos_token}, {@code eos_token}, ...),
 * whether BOS/EOS are added, the chat template (in tokenizer_config.json or chat_template.jinja), and the extra stop
 * ids of generation_config.json.
 *
 * @param specialTokens e.g. {@code bos_token -> <|begin_of_text|>}, in file order
 * @param addBosToken   null when the file does not say, leaving it to the post-processor
 * @param chatTemplate  null when the model has none
 */
record TokenizerConfig(Map<String, String> specialTokens, Boolean addBosToken, Boolean addEosToken,
                       String chatTemplate, List<Integer> generationEosIds) {

    static final String FILE = "tokenizer_config.json";
    static final String CHAT_TEMPLATE_FILE = "chat_template.jinja";
    static final String GENERATION_FILE = "generation_config.json";

    private static final List<String> SPECIAL_TOKEN_KEYS =
            List.of("bos_token", "eos_token", "unk_token", "pad_token", "sep_token", "cls_token", "mask_token");

    static TokenizerConfig load(Path modelDir, ObjectMapper mapper) {
        Path file = modelDir.resolve(FILE);
        Map<String, String> specials = new LinkedHashMap<>();
        Boolean addBos = null;
        Boolean addEos = null;
        String template = null;
        if (Files.isRegularFile(file)) {
            JsonNode root = read(file, mapper);
            String where = file.toString();
            for (String key : SPECIAL_TOKEN_KEYS) {
                String content = tokenContent(root.get(key), where + ": " + key);
                if (content != null) {
                    specials.put(key, content);
                }
            }
            addBos = root.has("add_bos_token") && !root.get("add_bos_token").isNull()
                    ? Json.flag(root, "add_bos_token", false, where) : null;
            addEos = root.has("add_eos_token") && !root.get("add_eos_token").isNull()
                    ? Json.flag(root, "add_eos_token", false, where) : null;
            template = chatTemplate(root.get("chat_template"), where);
        }
        Path templateFile = modelDir.resolve(CHAT_TEMPLATE_FILE);
        if (template == null && Files.isRegularFile(templateFile)) {
            template = readString(templateFile);
        }
        return new TokenizerConfig(specials, addBos, addEos, template, generationEosIds(modelDir, mapper));
    }

    /** A special token is written either as its text or as a serialized AddedToken object with a "content" field. */
    private static String tokenContent(JsonNode value, String where) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isObject()) {
            return Json.text(value, "content", where);
        }
        throw Json.error(where, "must be a string or an object with 'content'");
    }

    /** Either one template, or a list of named ones of which "default" is the chat template. */
    private static String chatTemplate(JsonNode value, String where) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isArray()) {
            for (JsonNode named : value) {
                if ("default".equals(Json.optionalText(named, "name", where + ": chat_template"))) {
                    return Json.text(named, "template", where + ": chat_template");
                }
            }
            return null;
        }
        throw Json.error(where, "chat_template must be a string or a list of {name, template}");
    }

    private static List<Integer> generationEosIds(Path modelDir, ObjectMapper mapper) {
        Path file = modelDir.resolve(GENERATION_FILE);
        List<Integer> ids = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return ids;
        }
        JsonNode eos = read(file, mapper).get("eos_token_id");
        String where = file + ": eos_token_id";
        if (eos == null || eos.isNull()) {
            return ids;
        }
        if (eos.isArray()) {
            eos.forEach(id -> ids.add(Json.integer(id, where)));
        } else {
            ids.add(Json.integer(eos, where));
        }
        return ids;
    }

    static JsonNode read(Path file, ObjectMapper mapper) {
        try {
            JsonNode root = mapper.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw Json.error(file.toString(), "expected a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw Json.error(file.toString(), "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
