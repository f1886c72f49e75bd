package io.github.convai4j.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where the tests find the API documents: the directory named by the system property {@value #PROPERTY}
 * (the build sets it to {@code ../shared/spec} beside the checkout). (codegen's tests carry a twin of this
 * class: the two modules share no test code.)
 */
public final class ApiDocument {

    /** The system property naming the directory of the API documents. */
    public static final String PROPERTY = "convai4j.spec.dir";

    /** The start of every skip reason, which {@code .ci/run} looks for. */
    public static final String SKIP_REASON = "needs the API document";

    private static final String[] FILES = {"elevenlabs-convai-openapi.json", "elevenlabs-convai-asyncapi.yaml"};

    private ApiDocument() {
    }

    /**
     * Returns the directory of the API documents.
     *
     * @return the directory named by {@value #PROPERTY}, else {@code ../shared/spec} beside the checkout
     */
    public static Path dir() {
        String dir = System.getProperty(PROPERTY);
        return dir != null ? Paths.get(dir) : Paths.get("..", "..", "shared", "spec");
    }

    /** Skips a {@link NeedsApiDocument} test, with one line on the console per JVM, when the documents are absent. */
    public static final class Condition implements ExecutionCondition {
        private static final AtomicBoolean TOLD = new AtomicBoolean();

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Path dir = dir();
            for (String file : FILES) {
                if (!Files.isRegularFile(dir.resolve(file))) {
                    String reason = SKIP_REASON + " (" + file + "), not found in " + dir.toAbsolutePath().normalize()
                            + ". CONTRIBUTING.md (\"The API document\") says how to get it: python3 codegen/api-document/fetch.py";
                    if (TOLD.compareAndSet(false, true)) {
                        System.err.println("convai4j: skipping the tests that " + reason);
                    }
                    return ConditionEvaluationResult.disabled(reason);
                }
            }
            return ConditionEvaluationResult.enabled("the API documents are in " + dir);
        }
    }
}
