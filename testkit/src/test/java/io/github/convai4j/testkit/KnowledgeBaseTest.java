package io.github.convai4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KnowledgeBaseTest {

    static FakeAgentsPlatform server;
    static Http http;

    @BeforeAll
    static void start() {
        server = FakeAgentsPlatform.start();
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void textDocumentIsCreatedAndReadBackWithItsContent() {
        Http.Response created = http.postJson("/v1/convai/knowledge-base/text",
                "{\"text\":\"Returns within 30 days <always>\",\"name\":\"Returns policy\"}");

        assertThat(created.status()).as(created.text()).isEqualTo(200);
        JsonNode body = created.json();
        assertThat(body.get("name").asText()).isEqualTo("Returns policy");
        assertThat(body.get("folder_path").isArray()).isTrue();
        String id = body.get("id").asText();
        assertThat(id).matches("[0-9A-Za-z]{20}");

        JsonNode document = http.get("/v1/convai/knowledge-base/" + id).json();
        for (String required : List.of("id", "name", "metadata", "supported_usages", "access_info", "type",
                "extracted_inner_html")) {
            assertThat(document.has(required)).as(required).isTrue();
        }
        assertThat(document.get("type").asText()).isEqualTo("text");
        assertThat(document.get("extracted_inner_html").asText()).isEqualTo("Returns within 30 days &lt;always&gt;");
        assertThat(document.at("/metadata/size_bytes").asLong()).isEqualTo(31);
    }

    @Test
    void textDocumentWithoutNameIsNamedAfterItsFirstLine() {
        JsonNode body = http.postJson("/v1/convai/knowledge-base/text", "{\"text\":\"Shipping\\nWe ship daily.\"}").json();

        assertThat(body.get("name").asText()).isEqualTo("Shipping");
    }

    @Test
    void urlDocumentIsCreatedWithoutFetchingTheUrl() {
        JsonNode body = http.postJson("/v1/convai/knowledge-base/url",
                "{\"url\":\"https://docs.example.invalid/faq\",\"enable_auto_sync\":false}").json();

        JsonNode document = http.get("/v1/convai/knowledge-base/" + body.get("id").asText()).json();
        assertThat(body.get("name").asText()).isEqualTo("https://docs.example.invalid/faq");
        assertThat(document.get("type").asText()).isEqualTo("url");
        assertThat(document.get("url").asText()).isEqualTo("https://docs.example.invalid/faq");
        assertThat(document.get("extracted_inner_html").asText()).isEmpty();
    }

    @Test
    void fileDocumentKeepsFilenameAndTextContent() {
        byte[] content = "FAQ: yes & no".getBytes(StandardCharsets.UTF_8);

        Http.Response created = http.postMultipart("/v1/convai/knowledge-base/file",
                new Http.Multipart().file("file", "faq.txt", "text/plain", content).field("name", "FAQ"));

        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(created.json().get("name").asText()).isEqualTo("FAQ");
        JsonNode document = http.get("/v1/convai/knowledge-base/" + created.json().get("id").asText()).json();
        assertThat(document.get("type").asText()).isEqualTo("file");
        assertThat(document.get("filename").asText()).isEqualTo("faq.txt");
        assertThat(document.get("extracted_inner_html").asText()).isEqualTo("FAQ: yes &amp; no");
        assertThat(document.at("/metadata/size_bytes").asInt()).isEqualTo(content.length);

        JsonNode unnamed = http.postMultipart("/v1/convai/knowledge-base/file",
                new Http.Multipart().file("file", "manual.pdf", "application/pdf", new byte[] {1, 2})).json();
        assertThat(unnamed.get("name").asText()).isEqualTo("manual.pdf");
    }

    @Test
    void requiredFieldsAreChecked() {
        Http.Response noText = http.postJson("/v1/convai/knowledge-base/text", "{\"name\":\"n\"}");
        Http.Response noUrl = http.postJson("/v1/convai/knowledge-base/url", "{\"url\":null}");
        Http.Response noFile = http.postMultipart("/v1/convai/knowledge-base/file", new Http.Multipart().field("name", "n"));

        assertThat(noText.status()).isEqualTo(422);
        assertThat(noText.json().at("/detail/0/loc").toString()).isEqualTo("[\"body\",\"text\"]");
        assertThat(noUrl.status()).isEqualTo(422);
        assertThat(noUrl.json().at("/detail/0/type").asText()).isEqualTo("string_type");
        assertThat(noFile.status()).isEqualTo(422);
        assertThat(http.get("/v1/convai/knowledge-base").json().get("documents")).isEmpty();
    }

    @Test
    void listFiltersByTypeAndNamePrefixAndPages() {
        http.postJson("/v1/convai/knowledge-base/text", "{\"text\":\"a\",\"name\":\"Policy A\"}");
        http.postJson("/v1/convai/knowledge-base/url", "{\"url\":\"https://x.invalid\",\"name\":\"Policy B\"}");
        http.postJson("/v1/convai/knowledge-base/text", "{\"text\":\"c\",\"name\":\"Other\"}");

        JsonNode policies = http.get("/v1/convai/knowledge-base?search=Policy").json();
        JsonNode texts = http.get("/v1/convai/knowledge-base?types=text").json();
        JsonNode both = http.get("/v1/convai/knowledge-base?types=text&types=url&page_size=2").json();

        assertThat(names(policies)).containsExactly("Policy B", "Policy A");
        assertThat(names(texts)).containsExactly("Other", "Policy A");
        assertThat(both.get("documents")).hasSize(2);
        assertThat(both.get("has_more").asBoolean()).isTrue();
        JsonNode summary = policies.at("/documents/0");
        for (String required : List.of("id", "name", "metadata", "supported_usages", "access_info",
                "dependent_agents", "type", "url")) {
            assertThat(summary.has(required)).as(required).isTrue();
        }
    }

    @Test
    void agentsThatUseADocumentAreListedAsDependents() {
        String id = http.postJson("/v1/convai/knowledge-base/text", "{\"text\":\"t\",\"name\":\"Doc\"}")
                .json().get("id").asText();
        String agentId = http.postJson("/v1/convai/agents/create", """
                {"name":"Uses doc","conversation_config":{"agent":{"prompt":{"knowledge_base":[
                  {"type":"text","name":"Doc","id":"%s","usage_mode":"auto"}]}}}}""".formatted(id))
                .json().get("agent_id").asText();

        JsonNode dependents = http.get("/v1/convai/knowledge-base").json().at("/documents/0/dependent_agents");

        assertThat(dependents).hasSize(1);
        assertThat(dependents.at("/0/id").asText()).isEqualTo(agentId);
        assertThat(dependents.at("/0/type").asText()).isEqualTo("available");
    }

    @Test
    void deleteRemovesTheDocument() {
        String id = http.postJson("/v1/convai/knowledge-base/text", "{\"text\":\"t\"}").json().get("id").asText();

        assertThat(http.delete("/v1/convai/knowledge-base/" + id).status()).isEqualTo(200);
        Http.Response missing = http.get("/v1/convai/knowledge-base/" + id);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/detail/status").asText()).isEqualTo("document_not_found");
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("documents").forEach(d -> names.add(d.get("name").asText()));
        return names;
    }
}
