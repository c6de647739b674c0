package io.memserve.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a Llama-3-style byte-level BPE tokenizer for the generated random-weight models: {@code tokenizer.json}
 * (loadable by Hugging Face tokenizers too) and {@code tokenizer_config.json} with a ChatML chat template. Merges are
 * learned from a small multilingual text shipped in this module, whose paragraphs the seed weighs, and topped up with
 * seeded synthetic merges; the same size and seed always give the same bytes.
 */
public final class GeneratedTokenizer {

    /** Llama 3's pre-tokenizer split: contractions, words, numbers of up to three digits, punctuation, whitespace. */
    public static final String SPLIT_REGEX = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    public static final String BOS = "<|begin_of_text|>";
    public static final String END_OF_TEXT = "<|end_of_text|>";
    public static final String IM_START = "<|im_start|>";
    public static final String IM_END = "<|im_end|>";
    public static final String PAD = "<|pad|>";
    /** Special tokens, given the highest ids in this order. */
    public static final List<String> SPECIAL_TOKENS = List.of(BOS, END_OF_TEXT, IM_START, IM_END, PAD);

    /** ChatML, opened with BOS as Llama 3 opens its conversations. */
    public static final String CHAT_TEMPLATE = "{{ bos_token }}{% for message in messages %}"
            + "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
            + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /** The 256 byte tokens, the special tokens and one merge. */
    public static final int MIN_VOCAB_SIZE = 256 + SPECIAL_TOKENS.size() + 1;
    private static final String CORPUS = "corpus.txt";
    private static final int MAX_PARAGRAPH_WEIGHT = 4;

    /**
     * The ids a model generated with this tokenizer needs.
     *
     * @param eosId the id that ends a chat turn ({@code <|im_end|>}), the tokenizer's eos_token
     */
    public record Info(int vocabSize, int bosId, int eosId, int padId) {
    }

    private GeneratedTokenizer() {
    }

    /** Writes tokenizer.json and tokenizer_config.json into {@code dir} (created if needed). */
    public static Info write(Path dir, int vocabSize, long seed) {
        if (vocabSize < MIN_VOCAB_SIZE) {
            throw new IllegalArgumentException("vocabSize " + vocabSize + " is too small: a byte-level tokenizer needs"
                    + " 256 byte tokens, " + SPECIAL_TOKENS.size() + " special tokens and at least one merge ("
                    + MIN_VOCAB_SIZE + ")");
        }
        int regular = vocabSize - SPECIAL_TOKENS.size();
        BpeTrainer.Result learned = BpeTrainer.train(wordCounts(seed), regular, seed);
        ObjectMapper mapper = JsonMapper.builder().build();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(Tokenizer.FILE),
                    mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tokenizerJson(mapper, learned, regular)),
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(TokenizerConfig.FILE),
                    mapper.writerWithDefaultPrettyPrinter().writeValueAsString(configJson(mapper, regular)),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tokenizer into " + dir, e);
        }
        return new Info(vocabSize, regular + SPECIAL_TOKENS.indexOf(BOS), regular + SPECIAL_TOKENS.indexOf(IM_END),
                regular + SPECIAL_TOKENS.indexOf(PAD));
    }

    /** Corpus pre-tokens in the byte alphabet, each paragraph counted 1 to 4 times as the seed decides. */
    private static Map<String, Long> wordCounts(long seed) {
        Pattern split = Pattern.compile(TextPattern.fromOniguruma(SPLIT_REGEX), Pattern.UNICODE_CHARACTER_CLASS);
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Long> counts = new TreeMap<>();
        for (String paragraph : corpus().split("\n\n")) {
            long weight = 1 + random.nextInt(MAX_PARAGRAPH_WEIGHT);
            List<String> pieces = new ArrayList<>();
            SplitBehavior.ISOLATED.split(split, false, paragraph + "\n\n", pieces);
            for (String piece : pieces) {
                counts.merge(ByteLevelAlphabet.encode(piece), weight, Long::sum);
            }
        }
        return counts;
    }

    private static String corpus() {
        try (InputStream in = GeneratedTokenizer.class.getResourceAsStream(CORPUS)) {
            if (in == null) {
                throw new IllegalStateException("the training text " + CORPUS + " is missing from the tokenizer jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode tokenizerJson(ObjectMapper mapper, BpeTrainer.Result learned, int regular) {
        ObjectNode root = mapper.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int i = 0; i < SPECIAL_TOKENS.size(); i++) {
            ObjectNode token = added.addObject();
            token.put("id", regular + i);
            token.put("content", SPECIAL_TOKENS.get(i));
            token.put("single_word", false);
            token.put("lstrip", false);
            token.put("rstrip", false);
            token.put("normalized", false);
            token.put("special", true);
        }
        root.putNull("normalizer");
        ObjectNode preTokenizer = root.putObject("pre_tokenizer");
        preTokenizer.put("type", "Sequence");
        ArrayNode steps = preTokenizer.putArray("pretokenizers");
        ObjectNode split = steps.addObject();
        split.put("type", "Split");
        split.putObject("pattern").put("Regex", SPLIT_REGEX);
        split.put("behavior", "Isolated");
        split.put("invert", false);
        ObjectNode byteLevel = steps.addObject();
        byteLevel.put("type", "ByteLevel");
        byteLevel.put("add_prefix_space", false);
        byteLevel.put("trim_offsets", true);
        byteLevel.put("use_regex", false);
        root.set("post_processor", bosTemplate(mapper, regular + SPECIAL_TOKENS.indexOf(BOS)));
        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "ByteLevel");
        decoder.put("add_prefix_space", true);
        decoder.put("trim_offsets", true);
        decoder.put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", true);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < learned.tokens().size(); id++) {
            vocab.put(learned.tokens().get(id), id);
        }
        ArrayNode merges = model.putArray("merges");
        for (String[] merge : learned.merges()) {
            merges.add(merge[0] + " " + merge[1]);
        }
        return root;
    }

    /** Llama 3's post-processor: BOS before every sequence. */
    private static ObjectNode bosTemplate(ObjectMapper mapper, int bosId) {
        ObjectNode processor = mapper.createObjectNode();
        processor.put("type", "TemplateProcessing");
        ArrayNode single = processor.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", BOS).put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        ArrayNode pair = processor.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", BOS).put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", BOS).put("type_id", 1);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        ObjectNode bos = processor.putObject("special_tokens").putObject(BOS);
        bos.put("id", BOS);
        bos.putArray("ids").add(bosId);
        bos.putArray("tokens").add(BOS);
        return processor;
    }

    private static ObjectNode configJson(ObjectMapper mapper, int regular) {
        ObjectNode config = mapper.createObjectNode();
        config.put("tokenizer_class", "PreTrainedTokenizerFast");
        config.put("bos_token", BOS);
        config.put("eos_token", IM_END);
        config.put("pad_token", PAD);
        config.put("clean_up_tokenization_spaces", false);
        config.put("model_max_length", 131072);
        config.put("chat_template", CHAT_TEMPLATE);
        ObjectNode decoderMap = config.putObject("added_tokens_decoder");
        for (int i = 0; i < SPECIAL_TOKENS.size(); i++) {
            ObjectNode token = decoderMap.putObject(String.valueOf(regular + i));
            token.put("content", SPECIAL_TOKENS.get(i));
            token.put("lstrip", false);
            token.put("normalized", false);
            token.put("rstrip", false);
            token.put("single_word", false);
            token.put("special", true);
        }
        return config;
    }
}
