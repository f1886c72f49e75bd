package io.github.convai4j.testkit;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{name}}} placeholders from a conversation's {@code dynamic_variables}, as the platform does in an
 * agent's first message. Of the system variables only {@code system__agent_id} and
 * {@code system__conversation_id} are known; other {@code system__} placeholders are left as written.
 */
final class DynamicVariables {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*\\}\\}");

    private DynamicVariables() {
    }

    /** The filled text; the names of user variables without a value are added to {@code missing}. */
    static String fill(String text, Map<String, Object> variables, String agentId, String conversationId,
                       List<String> missing) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuffer out = new StringBuffer();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value;
            if (variables.get(name) != null) {
                value = String.valueOf(variables.get(name));
            } else if (name.equals("system__agent_id")) {
                value = agentId;
            } else if (name.equals("system__conversation_id")) {
                value = conversationId;
            } else if (name.startsWith("system__")) {
                value = matcher.group();
            } else {
                missing.add(name);
                value = matcher.group();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
