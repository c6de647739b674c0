package io.memserve.tokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Hugging Face tokenizer read from a model directory: {@code tokenizer.json} (BPE, byte-level or byte-fallback) and,
 * when present, {@code tokenizer_config.json}, {@code chat_template.jinja} and {@code generation_config.json}.
 * Encoding follows tokenizers' pipeline: added tokens are cut out, each stretch between them is normalized,
 * pre-tokenized and BPE-encoded. Instances are immutable and safe to share between threads.
 */
public final class Tokenizer {

    static final String FILE = "tokenizer.json";

    private final Path modelDir;
    private final Normalizer normalizer;
    private final PreTokenizer preTokenizer;
    private final BpeModel model;
    private final Decoder decoder;
    private final PostProcessor postProcessor;
    private final AddedTokenMatcher rawAddedTokens;
    private final AddedTokenMatcher normalizedAddedTokens;
    private final Map<Integer, AddedToken> addedById;
    private final Map<String, AddedToken> addedByContent;
    private final TokenizerConfig config;
    private final int vocabSize;
    private volatile ChatTemplate chatTemplate;

    private Tokenizer(Path modelDir, JsonNode root, TokenizerConfig config) {
        String where = modelDir.resolve(FILE).toString();
        this.modelDir = modelDir;
        this.config = config;
        this.normalizer = Normalizer.fromJson(root.get("normalizer"), where + ": normalizer");
        this.preTokenizer = PreTokenizer.fromJson(root.get("pre_tokenizer"), where + ": pre_tokenizer");
        this.model = BpeModelReader.read(Json.required(root, "model", where), where + ": model");
        this.decoder = Decoder.fromJson(root.get("decoder"), where + ": decoder");
        this.postProcessor = PostProcessor.fromJson(root.get("post_processor"), where + ": post_processor");
        List<AddedToken> added = addedTokens(root.get("added_tokens"), where + ": added_tokens");
        this.addedById = new HashMap<>();
        this.addedByContent = new HashMap<>();
        for (AddedToken token : added) {
            addedById.put(token.id(), token);
            addedByContent.put(token.content(), token);
        }
        boolean normalizes = root.get("normalizer") != null && !root.get("normalizer").isNull();
        this.rawAddedTokens = new AddedTokenMatcher(added.stream().filter(t -> !normalizes || !t.normalized()).toList());
        this.normalizedAddedTokens = new AddedTokenMatcher(added.stream().filter(t -> normalizes && t.normalized()).toList());
        this.vocabSize = Math.max(model.size(), added.stream().mapToInt(t -> t.id() + 1).max().orElse(0));
        for (Map.Entry<String, String> special : config.specialTokens().entrySet()) {
            if (idOf(special.getValue()).isEmpty()) {
                throw Json.error(modelDir.resolve(TokenizerConfig.FILE).toString(),
                        special.getKey() + " '" + special.getValue() + "' is not a token of " + FILE);
            }
        }
    }

    /** Reads the tokenizer of a Hugging Face model directory. */
    public static Tokenizer load(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file (a model directory needs a tokenizer.json)");
        }
        ObjectMapper mapper = JsonMapper.builder().build();
        JsonNode root = TokenizerConfig.read(file, mapper);
        return new Tokenizer(modelDir, root, TokenizerConfig.load(modelDir, mapper));
    }

    private static List<AddedToken> addedTokens(JsonNode node, String where) {
        List<AddedToken> tokens = new ArrayList<>();
        if (node == null || node.isNull()) {
            return tokens;
        }
        if (!node.isArray()) {
            throw Json.error(where, "must be an array");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode t = node.get(i);
            String at = where + "[" + i + "]";
            String content = Json.text(t, "content", at);
            if (content.isEmpty()) {
                throw Json.error(at, "an added token cannot be empty");
            }
            tokens.add(new AddedToken(Json.integer(t, "id", at), content, Json.flag(t, "single_word", false, at),
                    Json.flag(t, "lstrip", false, at), Json.flag(t, "rstrip", false, at),
                    Json.flag(t, "normalized", true, at), Json.flag(t, "special", false, at)));
        }
        return tokens;
    }

    /** Token ids of plain text; added and special tokens written in the text are recognised, nothing is added. */
    public int[] encode(String text) {
        IntList out = new IntList(text.length() / 3 + 4);
        List<AddedTokenMatcher.Segment> segments = new ArrayList<>();
        rawAddedTokens.split(text, segments);
        boolean atStart = true;
        List<AddedTokenMatcher.Segment> normalizedSegments = new ArrayList<>();
        List<String> pieces = new ArrayList<>();
        for (AddedTokenMatcher.Segment segment : segments) {
            if (segment.token() != null) {
                out.add(segment.token().id());
                atStart = false;
                continue;
            }
            normalizedSegments.clear();
            normalizedAddedTokens.split(normalizer.normalize(segment.text()), normalizedSegments);
            for (AddedTokenMatcher.Segment part : normalizedSegments) {
                if (part.token() != null) {
                    out.add(part.token().id());
                } else {
                    pieces.clear();
                    preTokenizer.split(part.text(), atStart, pieces);
                    for (String piece : pieces) {
                        model.tokenize(piece, out);
                    }
                }
                atStart = false;
            }
        }
        return out.toArray();
    }

    /**
     * Token ids with the model's special tokens around them, as transformers' {@code add_special_tokens=True} does:
     * tokenizer_config.json's add_bos_token/add_eos_token when it sets them, otherwise the post-processor.
     */
    public int[] encodeWithSpecialTokens(String text) {
        int[] ids = encode(text);
        if (config.addBosToken() == null && config.addEosToken() == null) {
            return postProcessor.addSpecialTokens(ids);
        }
        OptionalInt bos = Boolean.TRUE.equals(config.addBosToken()) ? bosId() : OptionalInt.empty();
        OptionalInt eos = Boolean.TRUE.equals(config.addEosToken()) ? specialId("eos_token") : OptionalInt.empty();
        int[] out = new int[ids.length + (bos.isPresent() ? 1 : 0) + (eos.isPresent() ? 1 : 0)];
        int offset = 0;
        if (bos.isPresent()) {
            out[offset++] = bos.getAsInt();
        }
        System.arraycopy(ids, 0, out, offset, ids.length);
        eos.ifPresent(id -> out[out.length - 1] = id);
        return out;
    }

    public String decode(int[] ids) {
        return decode(ids, false);
    }

    public String decode(int[] ids, boolean skipSpecialTokens) {
        return decode(ids, 0, ids.length, skipSpecialTokens);
    }

    String decode(int[] ids, int from, int to, boolean skipSpecialTokens) {
        List<String> tokens = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            int id = ids[i];
            if (skipSpecialTokens && isSpecial(id)) {
                continue;
            }
            tokens.add(tokenText(id));
        }
        return String.join("", decoder.decodeChain(tokens));
    }

    /** One past the highest token id, counting added tokens: the number of rows an embedding table needs. */
    public int vocabSize() {
        return vocabSize;
    }

    public OptionalInt bosId() {
        return specialId("bos_token");
    }

    /** Ids that end generation: tokenizer_config.json's eos_token, then generation_config.json's eos_token_id. */
    public int[] eosIds() {
        Set<Integer> ids = new LinkedHashSet<>();
        specialId("eos_token").ifPresent(ids::add);
        ids.addAll(config.generationEosIds());
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The token's vocabulary string (for byte-level models in the byte alphabet, e.g. "Ġhello"). */
    public String tokenText(int id) {
        AddedToken added = addedById.get(id);
        if (added != null) {
            return added.content();
        }
        String token = model.token(id);
        if (token == null) {
            throw new IllegalArgumentException("token id " + id + " is not in the vocabulary of " + modelDir.resolve(FILE)
                    + " (size " + vocabSize + ")");
        }
        return token;
    }

    public OptionalInt idOf(String token) {
        AddedToken added = addedByContent.get(token);
        if (added != null) {
            return OptionalInt.of(added.id());
        }
        Integer id = model.id(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Whether the id is a special added token (BOS, EOS, chat markers...), which decoding can skip. */
    public boolean isSpecial(int id) {
        AddedToken added = addedById.get(id);
        return added != null && added.special();
    }

    /** Decodes generated tokens one at a time without ever cutting a character in two; keeps special tokens. */
    public StreamingDetokenizer streamingDetokenizer() {
        return new StreamingDetokenizer(this, false);
    }

    public StreamingDetokenizer streamingDetokenizer(boolean skipSpecialTokens) {
        return new StreamingDetokenizer(this, skipSpecialTokens);
    }

    /** The model's chat template; fails with IllegalStateException when the model directory has none. */
    public ChatTemplate chatTemplate() {
        ChatTemplate template = chatTemplate;
        if (template == null) {
            if (config.chatTemplate() == null) {
                throw new IllegalStateException("the model at " + modelDir + " has no chat template (neither "
                        + TokenizerConfig.FILE + " chat_template nor " + TokenizerConfig.CHAT_TEMPLATE_FILE + ")");
            }
            template = new ChatTemplate(config.chatTemplate(), config.specialTokens());
            chatTemplate = template;
        }
        return template;
    }

    private OptionalInt specialId(String key) {
        String content = config.specialTokens().get(key);
        return content == null ? OptionalInt.empty() : idOf(content);
    }
}
