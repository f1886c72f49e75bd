package io.github.convai4j.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.convai4j.testkit.JsonTree.array;
import static io.github.convai4j.testkit.JsonTree.object;
import static io.github.convai4j.testkit.Validation.Kind.STRING;

/**
 * Workspace secrets: create, list, get, update, delete. A secret's value goes in and never comes out:
 * not in a response, not in a 422's echoed input, not in a log line.
 */
final class SecretRoutes {

    private static final Set<String> REDACTED = Collections.singleton("value");

    private final FakeState state;

    SecretRoutes(FakeState state) {
        this.state = state;
    }

    void register(Router router) {
        router.add("POST", "/v1/convai/secrets", this::create);
        router.add("GET", "/v1/convai/secrets", this::list);
        router.add("GET", "/v1/convai/secrets/{secret_id}", this::get);
        router.add("PATCH", "/v1/convai/secrets/{secret_id}", this::update);
        router.add("DELETE", "/v1/convai/secrets/{secret_id}", this::delete);
    }

    private FakeResponse create(RecordedRequest request, Map<String, String> path) throws Abort {
        Map<String, Object> body = validBody(request, "new");
        synchronized (state) {
            String id = state.newId(null);
            FakeState.Secret secret = new FakeState.Secret(id, state.nextSequence(), (String) body.get("name"),
                    (String) body.get("value"));
            state.secrets.put(id, secret);
            return FakeResponse.json(200, stored(secret));
        }
    }

    private FakeResponse list(RecordedRequest request, Map<String, String> path) throws Abort {
        Validation validation = new Validation();
        int pageSize = Paging.pageSize(request, validation);
        Paging.Position after = Paging.after(request, validation);
        validation.queryInt(request, "dependency_limit", 1, Paging.MAX_PAGE_SIZE, null);
        validation.check();
        String search = request.queryParameter("search");
        synchronized (state) {
            List<FakeState.Secret> matching = new ArrayList<>();
            for (FakeState.Secret secret : FakeState.newestFirst(state.secrets.values())) {
                if (search == null || secret.name.startsWith(search)) {
                    matching.add(secret);
                }
            }
            Paging.Page<FakeState.Secret> page = Paging.page(matching, after, pageSize);
            List<Object> secrets = new ArrayList<>();
            for (FakeState.Secret secret : page.items) {
                secrets.add(config(secret));
            }
            return FakeResponse.json(200, object("secrets", secrets, "next_cursor", page.nextCursor));
        }
    }

    private FakeResponse get(RecordedRequest request, Map<String, String> path) throws Abort {
        synchronized (state) {
            return FakeResponse.json(200, config(secret(path)));
        }
    }

    private FakeResponse update(RecordedRequest request, Map<String, String> path) throws Abort {
        Map<String, Object> body = validBody(request, "update");
        synchronized (state) {
            FakeState.Secret secret = secret(path);
            secret.name = (String) body.get("name");
            secret.setValue((String) body.get("value"));
            return FakeResponse.json(200, stored(secret));
        }
    }

    private FakeResponse delete(RecordedRequest request, Map<String, String> path) throws Abort {
        synchronized (state) {
            state.secrets.remove(secret(path).id);
            return FakeResponse.empty(204);
        }
    }

    /** {@code PostWorkspaceSecretRequest} ({@code type} "new") or {@code PatchWorkspaceSecretRequest} ("update"). */
    private static Map<String, Object> validBody(RecordedRequest request, String type) throws Abort {
        Validation validation = new Validation(REDACTED);
        Map<String, Object> body = validation.jsonObjectBody(request, true);
        if (body != null) {
            validation.literal(body, "type", type, "body");
            validation.field(body, "name", STRING, true, false, "body");
            validation.field(body, "value", STRING, true, false, "body");
        }
        validation.check();
        return body;
    }

    /** {@code PostWorkspaceSecretResponseModel}. */
    private static Map<String, Object> stored(FakeState.Secret secret) {
        return object("type", "stored", "secret_id", secret.id, "name", secret.name);
    }

    /** {@code ConvAIWorkspaceStoredSecretConfig}: no agent or tool of the fake references a secret. */
    private static Map<String, Object> config(FakeState.Secret secret) {
        return object("type", "stored", "secret_id", secret.id, "name", secret.name,
                "used_by", object("tools", array(), "tools_has_more", false, "agents", array(),
                        "agents_has_more", false, "phone_numbers", array(), "phone_numbers_has_more", false,
                        "mcp_servers", array(), "others", array()));
    }

    private FakeState.Secret secret(Map<String, String> path) throws Abort {
        String id = path.get("secret_id");
        FakeState.Secret secret = state.secrets.get(id);
        if (secret == null) {
            throw new Abort(ApiErrors.notFound("secret", id));
        }
        return secret;
    }
}
