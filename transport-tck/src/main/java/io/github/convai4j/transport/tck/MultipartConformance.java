package io.github.convai4j.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convai4j.http.ContentSource;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.MultipartBody;
import io.github.convai4j.transport.tck.TransportConformanceTest.Received;
import io.github.convai4j.transport.tck.server.BodySummary;
import io.github.convai4j.transport.tck.server.GeneratedContent;
import io.github.convai4j.transport.tck.server.MultipartForm;
import io.github.convai4j.transport.tck.server.MultipartParser;
import io.github.convai4j.transport.tck.server.ReceivedPart;
import io.github.convai4j.transport.tck.server.RecordedRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Multipart bodies: the server parses them with the kit's own RFC 7578 parser (written independently of
 * core's encoder) and must receive every part with exactly the bytes sent.
 */
abstract class MultipartConformance extends ConformanceGroup {
    private static final long FILE_SIZE = 24L * 1024 * 1024 + 3;
    private static final String GREETING = "hello";
    private static final String NON_ASCII = "Gr\u00fc\u00dfe aus K\u00f6ln \u2014 \u65e5\u672c\u8a9e \u2713 \ud83c\udfa4";

    @TempDir
    Path tempDir;

    MultipartConformance(TransportConformanceTest suite) {
        super(suite);
    }

    /** Parses the multipart body on the server and keeps the result (or the parse failure). */
    private AtomicReference<Object> parsingHandler() {
        AtomicReference<Object> parsed = new AtomicReference<>();
        server().handle("/form", ex -> {
            try {
                parsed.set(MultipartParser.parse(ex.requestBody(), ex.header("Content-Type")));
            } catch (java.io.IOException e) {
                parsed.set(e);
            }
            RecordedRequest r = ex.readRequest();
            ex.respond(200, "parts received, " + r.bodyLength() + " bytes");
        });
        return parsed;
    }

    private static MultipartForm form(AtomicReference<Object> parsed) {
        Object result = parsed.get();
        assertNotNull(result, "The server handler did not run");
        if (result instanceof Exception) {
            throw new org.opentest4j.AssertionFailedError("The server could not parse the multipart body: "
                    + ((Exception) result).getMessage(), (Exception) result);
        }
        return (MultipartForm) result;
    }

    private static void assertTextPart(MultipartForm form, String name, String value) {
        ReceivedPart part = form.part(name);
        assertNotNull(part, () -> "The server found no part named " + name + " in " + form);
        assertEquals(value, part.text(), () -> "Text field " + name + " arrived with other content");
        assertNull(part.filename(), "A text field has no filename");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void textFieldsAndLargeFileArriveIntact(Mode mode) throws Exception {
        Path file = tempDir.resolve("recording 01.bin");
        try (InputStream in = new GeneratedContent(21, FILE_SIZE); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        }
        BodySummary expectedFile;
        try (InputStream in = Files.newInputStream(file)) {
            expectedFile = BodySummary.of(in);
        }
        MultipartBody body = MultipartBody.builder()
                .addField("greeting", GREETING)
                .addField("message", NON_ASCII)
                .addFile("file", "recording 01.bin", "application/octet-stream", ContentSource.ofPath(file))
                .build();
        AtomicReference<Object> parsed = parsingHandler();

        Received received = exchange(request(HttpMethod.POST, "/form").body(body).build(), mode);
        RecordedRequest r = takeRequest("POST /form (multipart)");
        assertWellFormed(r);
        MultipartForm form = form(parsed);
        assertEquals(3, form.parts().size(), () -> "Expected 3 parts, the server parsed " + form);
        assertTextPart(form, "greeting", GREETING);
        assertTextPart(form, "message", NON_ASCII);
        ReceivedPart filePart = form.part("file");
        assertNotNull(filePart, () -> "No file part in " + form);
        assertEquals("recording 01.bin", filePart.filename());
        assertEquals("application/octet-stream", filePart.contentType());
        assertEquals(expectedFile, filePart.summary(), "The file part arrived with other bytes than the file's");
        assertEquals(0, form.preambleLength(), "Unexpected bytes before the first boundary");
        assertEquals(0, form.epilogueLength(), "Unexpected bytes after the close delimiter");

        assertEquals(body.contentLength(), r.declaredContentLength(), () -> "A multipart body of known length must"
                + " be sent with Content-Length equal to MultipartBody.contentLength(): " + r);
        assertFalse(r.chunked());
        assertEquals(body.contentLength(), r.bodyLength());
        assertTrue(r.header("Content-Type").startsWith("multipart/form-data; boundary="),
                () -> "Content-Type: " + r.header("Content-Type"));
        assertStatus(200, received, "POST /form");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void partOfUnknownLengthMakesAChunkedBody(Mode mode) throws Exception {
        int size = 3 * 1024 * 1024 + 1;
        BodySummary expected = BodySummary.of(new GeneratedContent(22, size));
        MultipartBody body = MultipartBody.builder()
                .addField("model_id", "eleven_multilingual_v2")
                .addFile("audio", "clip.mp3", "audio/mpeg",
                        ContentSource.ofInputStream(new GeneratedContent(22, size), -1))
                .build();
        assertEquals(-1, body.contentLength(), "test set-up: a part of unknown length makes the body's unknown");
        AtomicReference<Object> parsed = parsingHandler();

        exchange(request(HttpMethod.POST, "/form").body(body).build(), mode);
        RecordedRequest r = takeRequest("POST /form (multipart, unknown length)");
        assertWellFormed(r);
        assertTrue(r.chunked(), () -> "A multipart body of unknown length must be sent chunked: " + r);
        MultipartForm form = form(parsed);
        assertEquals(2, form.parts().size(), () -> "Expected 2 parts, the server parsed " + form);
        assertTextPart(form, "model_id", "eleven_multilingual_v2");
        ReceivedPart audio = form.part("audio");
        assertNotNull(audio, () -> "No audio part in " + form);
        assertEquals("clip.mp3", audio.filename());
        assertEquals("audio/mpeg", audio.contentType());
        assertEquals(expected, audio.summary(), "The audio part arrived with other bytes than were sent");
    }
}
