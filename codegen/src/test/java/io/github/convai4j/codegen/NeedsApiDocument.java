package io.github.convai4j.codegen;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test that reads the API documents (the OpenAPI and AsyncAPI files the code is generated from). They
 * are not part of the repository: {@link ApiDocument#dir()} says where they are looked for. Where they are
 * absent, as in a plain clone, the test is skipped with a reason that says how to get them; {@code .ci/run}
 * fails if any test was skipped that way.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ApiDocument.Condition.class)
public @interface NeedsApiDocument {
}
