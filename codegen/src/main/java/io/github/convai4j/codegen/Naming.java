package io.github.convai4j.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every naming rule of the generator, in one place.
 *
 * <ul>
 *   <li>Schema names keep the spec's spelling (so they can be found in the API reference), minus the
 *       {@code -Input}/{@code -Output} twin suffix, minus a trailing {@code Model} ({@code APIModel} too):
 *       {@code GetAgentResponseModel} becomes {@code GetAgentResponse}. If dropping it would collide with
 *       another schema, the name is kept whole.</li>
 *   <li>{@code Body_<Summary>_v1_...} schemas: the summary's words without articles, then {@code Request}
 *       ({@code Body_Create_Agent_v1_convai_agents_create_post} becomes {@code CreateAgentRequest}), or the
 *       {@link #BODY_OVERRIDES override} where the summary reads badly.</li>
 *   <li>Inline enums and objects: owner class name plus the property's name in PascalCase.</li>
 *   <li>Inline unions: see {@link #unionName}.</li>
 *   <li>Properties: camelCase of the wire name; Java keywords and names that clash with the methods every
 *       model has get a {@code Value} suffix.</li>
 *   <li>Enum constants: UPPER_SNAKE of the wire value; a leading digit gets a {@code V_} prefix.</li>
 * </ul>
 */
public final class Naming {

    /** {@code Body_…} schemas whose summary does not make a good class name (keyed by the summary part). */
    static final Map<String, String> BODY_OVERRIDES = new TreeMap<>(Map.ofEntries(
            Map.entry("Handle_an_outbound_call_via_Twilio", "TwilioOutboundCallRequest"),
            Map.entry("Register_a_Twilio_call_and_return_TwiML", "TwilioRegisterCallRequest"),
            Map.entry("Handle_an_outbound_call_via_Exotel", "ExotelOutboundCallRequest"),
            Map.entry("Make_an_outbound_call_via_WhatsApp", "WhatsAppOutboundCallRequest"),
            Map.entry("Send_an_outbound_message_via_WhatsApp", "WhatsAppOutboundMessageRequest"),
            Map.entry("Handle_an_outbound_call_via_SIP_trunk", "SipTrunkOutboundCallRequest"),
            Map.entry("Patches_an_Agent_settings", "UpdateAgentRequest"),
            Map.entry("Post_Agent_avatar", "CreateAgentAvatarRequest"),
            Map.entry("Simulates_a_conversation", "SimulateConversationRequest"),
            Map.entry("Simulates_a_conversation__Stream_", "SimulateConversationStreamRequest"),
            Map.entry("Upload_file", "UploadConversationFileRequest"),
            Map.entry("Create_folder", "CreateKnowledgeBaseFolderRequest"),
            Map.entry("Create_a_new_branch", "CreateBranchRequest"),
            Map.entry("Merge_a_branch_into_a_target_branch", "MergeBranchRequest"),
            Map.entry("Submit_a_batch_call_request_", "SubmitBatchCallRequest"),
            Map.entry("Compute_RAG_indexes_in_batch", "ComputeRagIndexesRequest"),
            Map.entry("Get_dependent_agents_for_multiple_documents", "GetDocumentsDependentAgentsRequest")));

    /**
     * Inline unions whose derived name is poor or ambiguous, keyed by the union's signature (its variants'
     * class names joined with {@code |}).
     */
    static final Map<String, String> UNION_OVERRIDES = new TreeMap<>(Map.ofEntries(
            Map.entry("WebhookToolConfig|ClientToolConfig|SystemToolConfig|MCPToolConfig|ApiIntegrationWebhookToolConfig|SMBToolConfig",
                    "PromptAgentTool"),
            Map.entry("WebhookToolConfig|ClientToolConfig|SystemToolConfig|MCPToolConfig", "ToolConfig"),
            Map.entry("String|ConvAISecretLocator|ConvAIDynamicVariable|ConvAIEnvVarLocator", "RequestHeaderValue"),
            Map.entry("String|ConvAISecretLocator", "SecretOrStringHeaderValue"),
            Map.entry("String|ConvAIDynamicVariable", "DynamicVariableOrStringHeaderValue"),
            Map.entry("String|Long|Double|Boolean|ConvAISecretLocator|ConvAIDynamicVariable|ConvAIEnvVarLocator", "RequestMetaValue"),
            Map.entry("String|EnvironmentVariableSecretValueRequest|EnvironmentVariableAuthConnectionValueRequest",
                    "EnvironmentVariableValueRequest"),
            Map.entry("ConvAISecretLocator|ConvAIEnvVarLocator", "SecretOrEnvVarLocator"),
            Map.entry("ConvAISecretLocator|ConvAIUserSecretDB", "SecretTokenLocator"),
            Map.entry("AuthConnectionLocator|EnvironmentAuthConnectionLocator", "AuthConnectionReference"),
            Map.entry("LiteralJsonSchemaProperty|ObjectJsonSchemaProperty|ArrayJsonSchemaProperty", "JsonSchemaProperty")));

    /**
     * Properties the spec leaves an untyped object although the API takes a known schema there (the official
     * SDKs type them the same way): {@code Class.wire_name} → schema. The agent PATCH, draft and branch
     * bodies take partial agent configurations; those schemas require nothing, so a partial one builds.
     */
    static final Map<String, String> PROPERTY_TYPES = new TreeMap<>(Map.ofEntries(
            Map.entry("UpdateAgentRequest.conversation_config", "ConversationalConfigAPIModel-Input"),
            Map.entry("UpdateAgentRequest.platform_settings", "AgentPlatformSettingsRequestModel"),
            Map.entry("CreateAgentDraftRequest.conversation_config", "ConversationalConfigAPIModel-Input"),
            Map.entry("CreateAgentDraftRequest.platform_settings", "AgentPlatformSettingsRequestModel"),
            Map.entry("CreateBranchRequest.conversation_config", "ConversationalConfigAPIModel-Input"),
            Map.entry("CreateBranchRequest.platform_settings", "AgentPlatformSettingsRequestModel")));

    /**
     * Operations whose request or response body carries a secret value: their bodies are never logged
     * (the runtime's {@code ApiRequest.Builder.sensitive}).
     */
    static final java.util.Set<String> SENSITIVE_OPERATIONS = new java.util.TreeSet<>(List.of(
            "create_secret_route", "update_secret_route", "create_environment_variable",
            "update_environment_variable", "get_environment_variable", "list_environment_variables",
            "create_phone_number_route", "update_phone_number_route", "get_conversation_signed_link",
            "get_livekit_token", "get_signed_url_deprecated"));

    /**
     * Operations that stream a response body the spec does not declare (no {@code content} on the 2xx): they
     * return a {@code BinaryResponse} instead of {@code void}, so the stream is not thrown away. The simulation
     * stream sends partial message lists, then the analysis, as its description says.
     */
    static final Set<String> UNDECLARED_STREAMS = Set.of("run_conversation_simulation_route_stream");

    /** Names the generated code uses for itself: a property with one of these names gets a suffix. */
    static final Set<String> RESERVED_MEMBERS = Set.of("builder", "toBuilder", "codec", "validate", "equals",
            "hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "additionalProperties", "build",
            "putAdditionalProperty", "clone", "finalize", "state");

    static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface",
            "long", "native", "new", "package", "private", "protected", "public", "return", "short", "static",
            "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits", "_");

    /** Simple names of java.lang types: a generated class must not shadow them. */
    static final Set<String> JAVA_LANG = Set.of("Object", "String", "Boolean", "Long", "Double", "Integer",
            "Number", "Override", "Deprecated", "SuppressWarnings", "Exception", "Error", "Class", "Enum",
            "Iterable", "Record", "Thread", "Process", "Runtime", "System", "Math", "Character", "Void",
            "Module", "Package", "Comparable", "Runnable", "Short", "Byte", "Float", "Throwable");

    /**
     * The suffix of the response side of {@code -Input}/{@code -Output} twins that cannot be one class: the
     * {@code -Input} keeps the plain name ({@code PromptAgent}, what requests are built from), the {@code -Output}
     * becomes {@code PromptAgentResponse}, as the spec's response models are named.
     */
    static final String RESPONSE_TWIN_SUFFIX = "Response";

    private static final Pattern BODY = Pattern.compile("^Body_(.+?)_v1_.*$");
    private static final Set<String> ARTICLES = Set.of("a", "an", "the");

    private Naming() {
    }

    /** Strips the twin suffix. */
    static String twinBase(String schemaName) {
        return schemaName.replaceFirst("-(Input|Output)$", "");
    }

    /**
     * The Java class name of a component schema (twin suffix already dropped), before collision checks.
     *
     * @param schemaName the schema name
     * @return the class name
     */
    static String schemaClassName(String schemaName) {
        Matcher body = BODY.matcher(schemaName);
        if (body.matches()) {
            String summary = body.group(1);
            String override = BODY_OVERRIDES.get(summary);
            if (override != null) {
                return override;
            }
            StringBuilder out = new StringBuilder();
            for (String word : summary.split("_+")) {
                if (!word.isEmpty() && !ARTICLES.contains(word.toLowerCase(Locale.ROOT))) {
                    out.append(upperFirst(word));
                }
            }
            String name = out.toString();
            return name.endsWith("Request") ? name : name + "Request";
        }
        return identifierPascal(schemaName);
    }

    /** Drops a trailing {@code APIModel} or {@code Model}, or returns {@code null} if there is none. */
    static String withoutModelSuffix(String className) {
        for (String suffix : List.of("APIModel", "Model")) {
            if (className.endsWith(suffix) && className.length() > suffix.length() + 2) {
                return className.substring(0, className.length() - suffix.length());
            }
        }
        return null;
    }

    /** Keeps letters and digits, upper-casing the letter after a dropped character. */
    static String identifierPascal(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        if (out.length() == 0 || !Character.isJavaIdentifierStart(out.charAt(0))) {
            out.insert(0, 'T');
        }
        return out.toString();
    }

    /** {@code conversation_config} → {@code ConversationConfig}; {@code mimeType} → {@code MimeType}. */
    static String pascal(String wire) {
        StringBuilder out = new StringBuilder();
        for (String word : words(wire)) {
            out.append(upperFirst(word.toLowerCase(Locale.ROOT).equals(word) ? word : word));
        }
        String s = out.toString();
        if (s.isEmpty()) {
            return "Value";
        }
        return Character.isJavaIdentifierStart(s.charAt(0)) ? s : "V" + s;
    }

    /** {@code conversation_config} → {@code conversationConfig}, avoiding keywords and reserved members. */
    static String propertyName(String wire) {
        String p = pascal(wire);
        String name = Character.toLowerCase(p.charAt(0)) + p.substring(1);
        // an all-caps start (URL, LLM) reads better fully lowered: "url", "llmConfig"
        int upperRun = 0;
        while (upperRun < p.length() && Character.isUpperCase(p.charAt(upperRun))) {
            upperRun++;
        }
        if (upperRun > 1) {
            int cut = upperRun == p.length() ? upperRun : upperRun - 1;
            name = p.substring(0, cut).toLowerCase(Locale.ROOT) + p.substring(cut);
        }
        if (KEYWORDS.contains(name) || RESERVED_MEMBERS.contains(name)) {
            name = name + "Value";
        }
        return name;
    }

    /** An enum constant for a wire value: {@code gpt-4o-mini} → {@code GPT_4O_MINI}. */
    static String constantName(String value) {
        StringBuilder out = new StringBuilder();
        char prev = 0;
        for (char c : value.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                if (Character.isUpperCase(c) && Character.isLowerCase(prev)) {
                    out.append('_');
                }
                out.append(Character.toUpperCase(c));
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                out.append('_');
            }
            prev = c;
        }
        while (out.length() > 0 && out.charAt(out.length() - 1) == '_') {
            out.setLength(out.length() - 1);
        }
        String s = out.toString();
        if (s.isEmpty()) {
            return "EMPTY";
        }
        return Character.isDigit(s.charAt(0)) ? "V_" + s : s;
    }

    /** A package segment for an SDK group: {@code knowledge_base} → {@code knowledgebase}. */
    static String packageSegment(String group) {
        return group.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The name of an inline union: the words its variants' class names share at the start and at the end
     * ({@code DependentAvailableAgentIdentifier|DependentUnknownAgentIdentifier} →
     * {@code DependentAgentIdentifier}), if that leaves at least two words; else {@code fallback} (owner plus
     * property). {@link #UNION_OVERRIDES} wins over both.
     *
     * @param variantNames the variants' Java names (class names, or String/Long/Double/Boolean/List/Map)
     * @param fallback owner class name plus property name
     * @return the name
     */
    static String unionName(List<String> variantNames, String fallback) {
        String override = UNION_OVERRIDES.get(String.join("|", variantNames));
        if (override != null) {
            return override;
        }
        List<List<String>> split = new ArrayList<>();
        for (String n : variantNames) {
            split.add(camelWords(n));
        }
        int prefix = 0;
        outer:
        while (true) {
            String w = null;
            for (List<String> s : split) {
                if (s.size() <= prefix) {
                    break outer;
                }
                if (w == null) {
                    w = s.get(prefix);
                } else if (!w.equals(s.get(prefix))) {
                    break outer;
                }
            }
            prefix++;
        }
        int suffix = 0;
        outer:
        while (true) {
            String w = null;
            for (List<String> s : split) {
                if (s.size() - suffix - 1 < prefix) {
                    break outer;
                }
                String cur = s.get(s.size() - suffix - 1);
                if (w == null) {
                    w = cur;
                } else if (!w.equals(cur)) {
                    break outer;
                }
            }
            suffix++;
        }
        boolean allClasses = variantNames.stream().noneMatch(n -> Set.of("String", "Long", "Double", "Boolean", "Json")
                .contains(n) || n.startsWith("ListOf") || n.startsWith("MapOf"));
        if (!allClasses || suffix < 1 || prefix + suffix < 2) {
            return fallback;
        }
        List<String> first = split.get(0);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < prefix; i++) {
            out.append(first.get(i));
        }
        for (int i = first.size() - suffix; i < first.size(); i++) {
            out.append(first.get(i));
        }
        return out.toString();
    }

    /** Splits a PascalCase name into words, keeping acronyms together: {@code MCPToolConfig} → MCP, Tool, Config. */
    static List<String> camelWords(String name) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[0-9]+").matcher(name);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Words of a wire name: split on non-alphanumerics and on lower-to-upper case changes. */
    static List<String> words(String wire) {
        List<String> out = new ArrayList<>();
        for (String part : wire.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.addAll(camelWords(upperFirst(part)));
            }
        }
        return out;
    }

    static String upperFirst(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A crude singular for a list property's element: {@code tools} → {@code tool}. */
    static String singular(String wire) {
        if (wire.endsWith("ies") && wire.length() > 4) {
            return wire.substring(0, wire.length() - 3) + "y";
        }
        if (wire.endsWith("ses") || wire.endsWith("xes")) {
            return wire.substring(0, wire.length() - 2);
        }
        if (wire.endsWith("s") && !wire.endsWith("ss") && wire.length() > 3) {
            return wire.substring(0, wire.length() - 1);
        }
        return wire;
    }
}
