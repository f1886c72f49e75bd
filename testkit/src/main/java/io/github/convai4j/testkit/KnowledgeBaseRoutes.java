package io.github.convai4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.github.convai4j.testkit.JsonTree.array;
import static io.github.convai4j.testkit.JsonTree.object;
import static io.github.convai4j.testkit.Validation.Kind.BOOLEAN;
import static io.github.convai4j.testkit.Validation.Kind.INTEGER;
import static io.github.convai4j.testkit.Validation.Kind.STRING;

/**
 * Knowledge-base documents from text, a URL or a file: create, list, get, delete. The fake never fetches a
 * URL: a URL document's extracted content is empty.
 */
final class KnowledgeBaseRoutes {

    private static final int NAME_FROM_TEXT_LENGTH = 60;

    private final FakeState state;

    KnowledgeBaseRoutes(FakeState state) {
        this.state = state;
    }

    void register(Router router) {
        router.add("POST", "/v1/convai/knowledge-base/text", this::createText);
        router.add("POST", "/v1/convai/knowledge-base/url", this::createUrl);
        router.add("POST", "/v1/convai/knowledge-base/file", this::createFile);
        router.add("GET", "/v1/convai/knowledge-base", this::list);
        router.add("GET", "/v1/convai/knowledge-base/{documentation_id}", this::get);
        router.add("DELETE", "/v1/convai/knowledge-base/{documentation_id}", this::delete);
    }

    private FakeResponse createText(RecordedRequest request, Map<String, String> path) throws Abort {
        Validation validation = new Validation();
        Map<String, Object> body = validation.jsonObjectBody(request, true);
        if (body != null) {
            validation.field(body, "text", STRING, true, false, "body");
            validation.field(body, "name", STRING, false, true, "body");
            validation.field(body, "parent_folder_id", STRING, false, true, "body");
        }
        validation.check();
        String text = (String) body.get("text");
        String name = body.get("name") instanceof String ? (String) body.get("name") : nameFromText(text);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return created("text", name, (String) body.get("parent_folder_id"), utf8.length, escapeHtml(text),
                null, null);
    }

    private FakeResponse createUrl(RecordedRequest request, Map<String, String> path) throws Abort {
        Validation validation = new Validation();
        Map<String, Object> body = validation.jsonObjectBody(request, true);
        if (body != null) {
            validation.field(body, "url", STRING, true, false, "body");
            validation.field(body, "name", STRING, false, true, "body");
            validation.field(body, "parent_folder_id", STRING, false, true, "body");
            validation.field(body, "enable_auto_sync", BOOLEAN, false, false, "body");
            validation.field(body, "auto_remove", BOOLEAN, false, false, "body");
            validation.field(body, "minimum_frequency_days", INTEGER, false, true, "body");
        }
        validation.check();
        String url = (String) body.get("url");
        String name = body.get("name") instanceof String ? (String) body.get("name") : url;
        return created("url", name, (String) body.get("parent_folder_id"), 0, "", url, null);
    }

    private FakeResponse createFile(RecordedRequest request, Map<String, String> path) throws Abort {
        MultipartForm form = Forms.read(request);
        Validation validation = new Validation();
        MultipartForm.Part file = Forms.file(form, "file", validation);
        validation.check();
        StoredFile stored = Forms.stored(file);
        String name = Forms.text(form, "name");
        String html = stored.contentType().toLowerCase(Locale.ROOT).startsWith("text/")
                ? escapeHtml(new String(stored.bytesUnsafe(), StandardCharsets.UTF_8)) : "";
        return created("file", name != null ? name : stored.filename(), Forms.text(form, "parent_folder_id"),
                stored.size(), html, null, stored);
    }

    private FakeResponse created(String type, String name, String parentFolderId, long size, String html,
                                 String url, StoredFile file) {
        synchronized (state) {
            String id = state.newId(null);
            long now = FakeState.nowSecs();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("id", id);
            detail.put("name", name);
            detail.put("metadata", object("created_at_unix_secs", now, "last_updated_at_unix_secs", now,
                    "size_bytes", size));
            detail.put("supported_usages", array("prompt", "auto"));
            detail.put("access_info", FakeState.accessInfo());
            detail.put("folder_parent_id", parentFolderId);
            detail.put("folder_path", array());
            detail.put("type", type);
            if (url != null) {
                detail.put("url", url);
            }
            detail.put("extracted_inner_html", html);
            detail.put("content_format", "html");
            if (file != null) {
                detail.put("filename", file.filename());
                detail.put("external_sync_info", null);
                detail.put("refresh_status", null);
                detail.put("is_frozen", false);
            }
            if (!"text".equals(type)) {
                detail.put("auto_sync_info", null);
            }
            state.documents.put(id, new FakeState.Document(id, state.nextSequence(), type, detail, file));
            return FakeResponse.json(200, object("id", id, "name", name, "folder_path", array()));
        }
    }

    private FakeResponse list(RecordedRequest request, Map<String, String> path) throws Abort {
        Validation validation = new Validation();
        int pageSize = Paging.pageSize(request, validation);
        Paging.Position after = Paging.after(request, validation);
        validation.check();
        String search = request.queryParameter("search");
        List<String> types = request.queryParameters("types");
        synchronized (state) {
            List<FakeState.Document> matching = new ArrayList<>();
            for (FakeState.Document document : FakeState.newestFirst(state.documents.values())) {
                String name = String.valueOf(document.detail.get("name"));
                if ((search == null || name.startsWith(search))
                        && (types.isEmpty() || types.contains(document.type))) {
                    matching.add(document);
                }
            }
            Paging.Page<FakeState.Document> page = Paging.page(matching, after, pageSize);
            List<Object> documents = new ArrayList<>();
            for (FakeState.Document document : page.items) {
                documents.add(summary(document));
            }
            return FakeResponse.json(200, object("documents", documents, "next_cursor", page.nextCursor,
                    "has_more", page.hasMore));
        }
    }

    private FakeResponse get(RecordedRequest request, Map<String, String> path) throws Abort {
        synchronized (state) {
            return FakeResponse.json(200, JsonTree.deepCopy(document(path).detail));
        }
    }

    private FakeResponse delete(RecordedRequest request, Map<String, String> path) throws Abort {
        synchronized (state) {
            state.documents.remove(document(path).id);
            return FakeResponse.json(200, object());
        }
    }

    /** The list entry ({@code GetKnowledgeBaseSummary*ResponseModel}), with the agents that use it. Lock held. */
    private Map<String, Object> summary(FakeState.Document document) {
        Map<String, Object> detail = document.detail;
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String name : new String[] {"id", "name", "metadata", "supported_usages", "access_info",
                "folder_parent_id", "folder_path"}) {
            summary.put(name, JsonTree.deepCopy(detail.get(name)));
        }
        summary.put("dependent_agents", dependentAgents(document.id));
        summary.put("type", document.type);
        if ("url".equals(document.type)) {
            summary.put("url", detail.get("url"));
            summary.put("auto_sync_info", null);
        } else if ("file".equals(document.type)) {
            summary.put("external_sync_info", null);
            summary.put("auto_sync_info", null);
            summary.put("refresh_status", null);
            summary.put("is_frozen", false);
        }
        return summary;
    }

    /** Agents whose prompt's {@code knowledge_base} lists the document. */
    private List<Object> dependentAgents(String documentId) {
        List<Object> dependents = new ArrayList<>();
        for (FakeState.Agent agent : state.agents.values()) {
            Object locators = JsonTree.valueAt(agent.document, "conversation_config", "agent", "prompt",
                    "knowledge_base");
            if (!(locators instanceof List)) {
                continue;
            }
            for (Object locator : (List<?>) locators) {
                if (locator instanceof Map && documentId.equals(((Map<?, ?>) locator).get("id"))) {
                    dependents.add(object("referenced_resource_ids", array(), "id", agent.id,
                            "name", agent.document.get("name"), "type", "available",
                            "created_at_unix_secs",
                            JsonTree.valueAt(agent.document, "metadata", "created_at_unix_secs"),
                            "access_level", "admin"));
                    break;
                }
            }
        }
        return dependents;
    }

    private FakeState.Document document(Map<String, String> path) throws Abort {
        String id = path.get("documentation_id");
        FakeState.Document document = state.documents.get(id);
        if (document == null) {
            throw new Abort(ApiErrors.notFound("document", id));
        }
        return document;
    }

    private static String nameFromText(String text) {
        String firstLine = text.trim();
        int newline = firstLine.indexOf('\n');
        if (newline >= 0) {
            firstLine = firstLine.substring(0, newline).trim();
        }
        if (firstLine.isEmpty()) {
            return "Untitled text";
        }
        return firstLine.length() <= NAME_FROM_TEXT_LENGTH ? firstLine
                : firstLine.substring(0, NAME_FROM_TEXT_LENGTH);
    }

    private static String escapeHtml(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '&':
                    sb.append("&amp;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }
}
