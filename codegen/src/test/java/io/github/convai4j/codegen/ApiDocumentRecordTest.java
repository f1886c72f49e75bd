package io.github.convai4j.codegen;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The record of which API documents the code is generated from ({@code codegen/api-document/api-documents.properties},
 * which {@code fetch.py} checks downloads against) names exactly the documents the build uses: a document that
 * changed without its record fails here.
 */
@NeedsApiDocument
class ApiDocumentRecordTest {

    private static final Path RECORD = Paths.get("api-document", "api-documents.properties");

    @Test
    void theDocumentsInTheSpecDirectoryHaveTheRecordedSha256() throws IOException, NoSuchAlgorithmException {
        Properties record = new Properties();
        try (Reader in = Files.newBufferedReader(RECORD, StandardCharsets.UTF_8)) {
            record.load(in);
        }
        for (String document : new String[] {"openapi", "asyncapi"}) {
            String file = record.getProperty(document + ".file");
            assertThat(file).as(document + ".file in " + RECORD).isNotBlank();
            byte[] bytes = Files.readAllBytes(ApiDocument.dir().resolve(file));
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertThat(sha256).as("SHA-256 of %s; if the document changed on purpose, regenerate and update %s",
                    file, RECORD).isEqualTo(record.getProperty(document + ".sha256"));
        }
        assertThat(Generator.SPEC_FILE).isEqualTo(record.getProperty("openapi.file"));
    }
}
