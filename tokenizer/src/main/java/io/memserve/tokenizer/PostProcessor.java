package io.memserve.tokenizer;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The tokenizer.json post-processor, for a single sequence: adds the special tokens around it (BOS and the like). */
interface PostProcessor {

    PostProcessor NONE = ids -> ids;

    int[] addSpecialTokens(int[] ids);

    static PostProcessor fromJson(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return NONE;
        }
        String type = Json.type(node, where);
        return switch (type) {
            case "Sequence" -> {
                JsonNode items = Json.array(node, "processors", where);
                List<PostProcessor> steps = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    steps.add(fromJson(items.get(i), where + ".processors[" + i + "]"));
                }
                yield ids -> {
                    int[] result = ids;
                    for (PostProcessor step : steps) {
                        result = step.addSpecialTokens(result);
                    }
                    return result;
                };
            }
            case "ByteLevel" -> NONE;
            case "TemplateProcessing" -> TemplateProcessing.fromJson(node, where);
            case "BertProcessing", "RobertaProcessing" -> {
                int cls = Json.integer(Json.array(node, "cls", where).path(1), where + ".cls");
                int sep = Json.integer(Json.array(node, "sep", where).path(1), where + ".sep");
                yield ids -> {
                    int[] out = new int[ids.length + 2];
                    out[0] = cls;
                    System.arraycopy(ids, 0, out, 1, ids.length);
                    out[out.length - 1] = sep;
                    return out;
                };
            }
            default -> throw Json.error(where, "unsupported post_processor type '" + type + "'");
        };
    }
}
