package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.FilePart;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.common.KnowledgeBaseDocumentType;
import io.github.convai4j.models.knowledgebase.AddKnowledgeBaseResponse;
import io.github.convai4j.models.knowledgebase.CreateFileDocumentRequest;
import io.github.convai4j.models.knowledgebase.CreateTextDocumentRequest;
import io.github.convai4j.models.knowledgebase.CreateURLDocumentRequest;
import io.github.convai4j.models.knowledgebase.GetKnowledgeBaseListParams;
import io.github.convai4j.models.knowledgebase.GetKnowledgeBaseResponse;
import io.github.convai4j.models.knowledgebase.GetKnowledgeBaseSummaryResponse;
import io.github.convai4j.testkit.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 5, the testkit's knowledge-base documents through {@code client.knowledgeBase()}: from text, a URL
 * and a file (multipart with a form field), listed with paging and a repeated {@code types} filter, read
 * back as the right union variant, deleted.
 */
class KnowledgeBaseEndToEndTest extends FakePlatformTestSupport {

    private static final String SOURCE = "io.github.convai4j.it.FakePlatformTestSupport#transports";

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void textDocumentIsSentAsJsonAndReadBackAsTheTextVariant(String transport) {
        ConvaiClient client = client(transport);

        AddKnowledgeBaseResponse created = client.knowledgeBase().documents().createFromText(
                CreateTextDocumentRequest.builder().name("Returns policy").text("Returns within 30 days <always>.").build());
        GetKnowledgeBaseResponse document = client.knowledgeBase().documents().get(created.id());

        assertThat(jsonBody(onlyRequest("POST", "/v1/convai/knowledge-base/text")))
                .isEqualTo(JsonValue.parse("{\"text\":\"Returns within 30 days <always>.\",\"name\":\"Returns policy\"}"));
        assertThat(created.name()).isEqualTo("Returns policy");
        assertThat(document.isText()).as("variant %s", document.discriminator()).isTrue();
        assertThat(document.asText().id()).isEqualTo(created.id());
        assertThat(document.asText().extractedInnerHtml()).isEqualTo("Returns within 30 days &lt;always&gt;.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void urlDocumentKeepsItsUrl(String transport) {
        ConvaiClient client = client(transport);

        String id = client.knowledgeBase().documents().createFromUrl(
                CreateURLDocumentRequest.builder().url("https://example.test/faq?lang=en").build()).id();
        GetKnowledgeBaseResponse document = client.knowledgeBase().documents().get(id);

        assertThat(jsonBody(onlyRequest("POST", "/v1/convai/knowledge-base/url")))
                .isEqualTo(JsonValue.parse("{\"url\":\"https://example.test/faq?lang=en\"}"));
        assertThat(document.isUrl()).as("variant %s", document.discriminator()).isTrue();
        assertThat(document.asUrl().url()).isEqualTo("https://example.test/faq?lang=en");
        assertThat(document.asUrl().name()).isEqualTo("https://example.test/faq?lang=en");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void fileDocumentIsMultipartWithTheFilePartAndTheNameField(String transport) {
        ConvaiClient client = client(transport);
        byte[] text = "Opening hours: 9 to 5.\nClosed on Sundays.".getBytes(StandardCharsets.UTF_8);

        String id = client.knowledgeBase().documents().createFromFile(
                FilePart.of(text, "hours.txt").withContentType("text/plain"),
                CreateFileDocumentRequest.builder().name("Opening hours").build()).id();
        GetKnowledgeBaseResponse document = client.knowledgeBase().documents().get(id);

        RecordedRequest sent = onlyRequest("POST", "/v1/convai/knowledge-base/file");
        assertThat(sent.contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(utf8(sent.body()))
                .contains("Content-Disposition: form-data; name=\"file\"; filename=\"hours.txt\"")
                .contains("Content-Disposition: form-data; name=\"name\"\r\n\r\nOpening hours\r\n")
                .contains(utf8(text));
        assertThat(document.isFile()).as("variant %s", document.discriminator()).isTrue();
        assertThat(document.asFile().name()).isEqualTo("Opening hours");
        assertThat(document.asFile().filename()).isEqualTo("hours.txt");
        assertThat(document.asFile().extractedInnerHtml()).isEqualTo(utf8(text));
        assertThat(document.asFile().metadata().sizeBytes()).isEqualTo((long) text.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void listPagesNewestFirstAndFiltersByRepeatedTypes(String transport) {
        ConvaiClient client = client(transport);
        String text = client.knowledgeBase().documents().createFromText(CreateTextDocumentRequest.builder().text("a").build()).id();
        String url = client.knowledgeBase().documents().createFromUrl(CreateURLDocumentRequest.builder().url("https://a.test").build()).id();
        String file = client.knowledgeBase().documents().createFromFile(FilePart.of(new byte[] {1, 2, 3}, "b.bin"), null).id();
        fake.clearRequests();

        List<String> all = new ArrayList<>();
        client.knowledgeBase().list(GetKnowledgeBaseListParams.builder().pageSize(2).build()).iterateAll()
                .forEach(d -> all.add(id(d)));
        List<String> textAndUrl = new ArrayList<>();
        client.knowledgeBase().list(GetKnowledgeBaseListParams.builder()
                        .types(List.of(KnowledgeBaseDocumentType.TEXT, KnowledgeBaseDocumentType.URL)).build())
                .iterateAll().forEach(d -> textAndUrl.add(id(d)));

        assertThat(all).containsExactly(file, url, text);
        assertThat(textAndUrl).containsExactly(url, text);
        List<RecordedRequest> lists = fake.requests("GET", "/v1/convai/knowledge-base");
        assertThat(lists).hasSize(3);
        assertThat(lists.get(2).queryParameters("types")).containsExactly("text", "url");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void deleteRemovesTheDocument(String transport) {
        ConvaiClient client = client(transport);
        String id = client.knowledgeBase().documents().createFromText(CreateTextDocumentRequest.builder().text("x").build()).id();

        client.knowledgeBase().documents().delete(id);

        assertThat(onlyRequest("DELETE", "/v1/convai/knowledge-base/{documentation_id}").pathSegments())
                .containsExactly("v1", "convai", "knowledge-base", id);
        assertThatThrownBy(() -> client.knowledgeBase().documents().get(id))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("document_not_found"));
    }

    private static String id(GetKnowledgeBaseSummaryResponse summary) {
        if (summary.isText()) {
            return summary.asText().id();
        } else if (summary.isUrl()) {
            return summary.asUrl().id();
        } else if (summary.isFile()) {
            return summary.asFile().id();
        }
        throw new AssertionError("unexpected document variant " + summary.discriminator());
    }
}
