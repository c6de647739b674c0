package io.memserve.tokenizer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * The {@code {"String": ...}} or {@code {"Regex": ...}} pattern of Split, Replace and friends. Regexes are written for
 * Oniguruma, whose {@code \s}, {@code \d}, {@code \w} and case folding are Unicode-aware and which knows scripts as
 * {@code \p{Han}}; Java gets the same meaning from UNICODE_CHARACTER_CLASS and {@code \p{IsHan}}.
 */
final class TextPattern {

    private static final Pattern PROPERTY = Pattern.compile("\\\\([pP])\\{\\^?([A-Za-z_]+)}");
    private static final Pattern GENERAL_CATEGORY = Pattern.compile("[LMNPSZC][a-z]?|L&");

    private TextPattern() {
    }

    static Pattern parse(JsonNode spec, String where) {
        if (spec == null || !spec.isObject()) {
            throw Json.error(where, "pattern must be {\"String\": ...} or {\"Regex\": ...}");
        }
        String literal = Json.optionalText(spec, "String", where);
        if (literal != null) {
            return Pattern.compile(Pattern.quote(literal));
        }
        String regex = Json.optionalText(spec, "Regex", where);
        if (regex == null) {
            throw Json.error(where, "pattern must be {\"String\": ...} or {\"Regex\": ...}");
        }
        try {
            return Pattern.compile(fromOniguruma(regex), Pattern.UNICODE_CHARACTER_CLASS);
        } catch (PatternSyntaxException e) {
            throw Json.error(where, "regex " + regex + " is not supported: " + e.getDescription());
        }
    }

    static String fromOniguruma(String regex) {
        Matcher m = PROPERTY.matcher(regex);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            boolean negated = m.group(0).contains("{^");
            String kind = negated ? (m.group(1).equals("p") ? "P" : "p") : m.group(1);
            String javaName = GENERAL_CATEGORY.matcher(name).matches() ? name : "Is" + name;
            m.appendReplacement(out, Matcher.quoteReplacement("\\" + kind + "{" + javaName + "}"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
