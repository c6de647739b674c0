package io.memserve.tokenizer;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads the {@code model} section of tokenizer.json; only BPE models are supported. */
final class BpeModelReader {

    private BpeModelReader() {
    }

    static BpeModel read(JsonNode model, String where) {
        String type = Json.type(model, where);
        if (!type.equals("BPE")) {
            throw Json.error(where, "unsupported model type '" + type + "' (only BPE is supported)");
        }
        for (String field : new String[] {"continuing_subword_prefix", "end_of_word_suffix"}) {
            String value = Json.optionalText(model, field, where);
            if (value != null && !value.isEmpty()) {
                throw Json.error(where, "BPE with " + field + " is not supported");
            }
        }
        JsonNode dropout = model.get("dropout");
        if (dropout != null && !dropout.isNull() && dropout.asDouble() > 0) {
            throw Json.error(where, "BPE dropout is a training-time option and is not supported");
        }
        Map<String, Integer> vocab = vocab(Json.required(model, "vocab", where), where + ".vocab");
        MergeTable merges = merges(Json.array(model, "merges", where), vocab, where + ".merges");
        String unk = Json.optionalText(model, "unk_token", where);
        int unkId = -1;
        if (unk != null) {
            Integer id = vocab.get(unk);
            if (id == null) {
                throw Json.error(where, "unk_token '" + unk + "' is not in the vocabulary");
            }
            unkId = id;
        }
        return new BpeModel(vocab, merges, unkId, Json.flag(model, "fuse_unk", false, where),
                Json.flag(model, "byte_fallback", false, where), Json.flag(model, "ignore_merges", false, where));
    }

    private static Map<String, Integer> vocab(JsonNode node, String where) {
        if (!node.isObject()) {
            throw Json.error(where, "must be an object of token -> id");
        }
        Map<String, Integer> vocab = new HashMap<>(node.size() * 2);
        Map<Integer, String> seen = new HashMap<>(node.size() * 2);
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            int id = Json.integer(entry.getValue(), where + "['" + entry.getKey() + "']");
            String previous = seen.put(id, entry.getKey());
            if (previous != null) {
                throw Json.error(where, "id " + id + " is given to both '" + previous + "' and '" + entry.getKey() + "'");
            }
            vocab.put(entry.getKey(), id);
        }
        return vocab;
    }

    /** Merges come as "left right" strings or as [left, right] pairs; their order is their rank. */
    private static MergeTable merges(JsonNode node, Map<String, Integer> vocab, String where) {
        MergeTable table = new MergeTable(node.size());
        for (int rank = 0; rank < node.size(); rank++) {
            JsonNode merge = node.get(rank);
            String left;
            String right;
            if (merge.isString()) {
                String text = merge.stringValue();
                int space = text.indexOf(' ');
                if (space < 0 || text.indexOf(' ', space + 1) >= 0) {
                    throw Json.error(where + "[" + rank + "]", "'" + text + "' is not two tokens separated by one space");
                }
                left = text.substring(0, space);
                right = text.substring(space + 1);
            } else if (merge.isArray() && merge.size() == 2 && merge.get(0).isString() && merge.get(1).isString()) {
                left = merge.get(0).stringValue();
                right = merge.get(1).stringValue();
            } else {
                throw Json.error(where + "[" + rank + "]", "a merge must be \"a b\" or [\"a\", \"b\"], found " + merge);
            }
            table.put(id(vocab, left, where, rank), id(vocab, right, where, rank), rank,
                    id(vocab, left + right, where, rank));
        }
        return table;
    }

    private static int id(Map<String, Integer> vocab, String token, String where, int rank) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw Json.error(where + "[" + rank + "]", "token '" + token + "' is not in the vocabulary");
        }
        return id;
    }
}
