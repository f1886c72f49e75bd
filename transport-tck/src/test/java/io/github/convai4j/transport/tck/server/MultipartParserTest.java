package io.github.convai4j.transport.tck.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.convai4j.http.ContentSource;
import io.github.convai4j.http.MultipartBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The kit's multipart parser, on hand-written bodies (not produced by core's encoder). */
class MultipartParserTest {
    private static final String TYPE = "multipart/form-data; boundary=AaB03x";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Hands out at most {@code max} bytes per read, to push the scanner across buffer edges. */
    private static InputStream trickle(byte[] body, int max) {
        return new FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, max));
            }
        };
    }

    private static final String FORM = "--AaB03x\r\n"
            + "Content-Disposition: form-data; name=\"field1\"\r\n"
            + "\r\n"
            + "Joe Blow\r\nalmost tricky --AaB03 not a boundary\r\n"
            + "--AaB03x\r\n"
            + "content-disposition: form-data; name=\"pics\"; filename=\"file1.txt\"\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "... contents of file1.txt ...\r\n"
            + "--AaB03x\r\n"
            + "Content-Disposition: form-data; name=\"n\u00e4me\"\r\n"
            + "\r\n"
            + "Gr\u00fc\u00dfe \u2713\r\n"
            + "--AaB03x--\r\n";

    @ParameterizedTest(name = "reads of at most {0} bytes")
    @ValueSource(ints = {1, 2, 7, 64, 100_000})
    void parsesPartsWhateverTheReadSizes(int readSize) throws Exception {
        MultipartForm form = MultipartParser.parse(trickle(bytes(FORM), readSize), TYPE);
        assertThat(form.parts()).hasSize(3);
        ReceivedPart field = form.parts().get(0);
        assertThat(field.name()).isEqualTo("field1");
        assertThat(field.filename()).isNull();
        assertThat(field.contentType()).isNull();
        assertThat(field.text()).isEqualTo("Joe Blow\r\nalmost tricky --AaB03 not a boundary");
        ReceivedPart file = form.part("pics");
        assertThat(file.filename()).isEqualTo("file1.txt");
        assertThat(file.contentType()).isEqualTo("text/plain");
        assertThat(file.text()).isEqualTo("... contents of file1.txt ...");
        assertThat(file.summary()).isEqualTo(BodySummary.of(bytes("... contents of file1.txt ...")));
        assertThat(form.part("n\u00e4me").text()).isEqualTo("Gr\u00fc\u00dfe \u2713");
        assertThat(form.preambleLength()).isZero();
        assertThat(form.epilogueLength()).isZero();
        assertThat(form.crlfAfterCloseDelimiter()).isTrue();
    }

    @Test
    void reportsPreambleEpilogueAndAcceptsTransportPadding() throws Exception {
        String body = "preamble text\r\n--AaB03x  \t\r\n"
                + "Content-Disposition: form-data; name=a\r\n\r\n1\r\n--AaB03x--\r\nepilogue";
        MultipartForm form = MultipartParser.parse(new ByteArrayInputStream(bytes(body)), TYPE);
        assertThat(form.parts()).extracting(ReceivedPart::name).containsExactly("a");
        assertThat(form.parts().get(0).text()).isEqualTo("1");
        assertThat(form.preambleLength()).isEqualTo("preamble text".length());
        assertThat(form.epilogueLength()).isEqualTo("epilogue".length());
    }

    @Test
    void largePartCrossingManyBuffersKeepsEveryByte() throws Exception {
        byte[] content = GeneratedContent.bytes(3, 2 * 1024 * 1024 + 11);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(bytes("--AaB03x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"));
        body.write(content);
        body.write(bytes("\r\n--AaB03x--"));
        MultipartForm form = MultipartParser.parse(trickle(body.toByteArray(), 65_537), TYPE);
        assertThat(form.parts()).hasSize(1);
        assertThat(form.parts().get(0).summary()).isEqualTo(BodySummary.of(content));
        assertThat(form.crlfAfterCloseDelimiter()).isFalse();
    }

    @Test
    void takesTheBoundaryFromAQuotedParameter() throws Exception {
        assertThat(MultipartParser.boundaryOf("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\""))
                .isEqualTo("a b:c");
    }

    @Test
    void rejectsWhatIsNotMultipartFormData() {
        assertThatThrownBy(() -> MultipartParser.boundaryOf("application/json"))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("expected multipart/form-data");
        assertThatThrownBy(() -> MultipartParser.boundaryOf("multipart/form-data"))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("no boundary");
    }

    @Test
    void rejectsABodyWithoutCloseDelimiter() {
        String body = "--AaB03x\r\nContent-Disposition: form-data; name=a\r\n\r\nhalf a part";
        assertThatThrownBy(() -> MultipartParser.parse(new ByteArrayInputStream(bytes(body)), TYPE))
                .isInstanceOf(MalformedMultipartException.class)
                .hasMessageContaining("without a closing boundary");
    }

    @Test
    void rejectsPartsWithoutDispositionOrName() {
        String noDisposition = "--AaB03x\r\nContent-Type: text/plain\r\n\r\nx\r\n--AaB03x--\r\n";
        assertThatThrownBy(() -> MultipartParser.parse(new ByteArrayInputStream(bytes(noDisposition)), TYPE))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("no Content-Disposition");
        String noName = "--AaB03x\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nx\r\n--AaB03x--\r\n";
        assertThatThrownBy(() -> MultipartParser.parse(new ByteArrayInputStream(bytes(noName)), TYPE))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("no name");
    }

    @Test
    void rejectsABodyThatNeverMentionsTheBoundary() {
        assertThatThrownBy(() -> MultipartParser.parse(new ByteArrayInputStream(bytes("just text")), TYPE))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("No boundary");
    }

    @Test
    void rejectsHeaderLinesEndingInBareLf() {
        String body = "--AaB03x\r\nContent-Disposition: form-data; name=a\n\r\nx\r\n--AaB03x--\r\n";
        assertThatThrownBy(() -> MultipartParser.parse(new ByteArrayInputStream(bytes(body)), TYPE))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("Bare LF");
    }

    @Test
    void readsWhatCoresEncoderWrites() throws Exception {
        // Not a mirror test: the parser above is checked on hand-written bodies; this only shows the two agree.
        MultipartBody body = MultipartBody.builder()
                .addField("a", "1")
                .addFile("f", "x.bin", "application/octet-stream", ContentSource.ofBytes(new byte[] {0, 13, 10, 45}))
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        MultipartForm form = MultipartParser.parse(new ByteArrayInputStream(out.toByteArray()), body.contentType());
        assertThat(form.parts()).extracting(ReceivedPart::name).containsExactly("a", "f");
        assertThat(form.part("f").content()).containsExactly(0, 13, 10, 45);
        assertThat(form.epilogueLength()).isZero();
    }
}
