/**
 * The small hand-written runtime behind the generated models: codecs for JSON's primitive types, lists and
 * maps ({@link io.github.convai4j.core.json.Codecs}), the base of open enums
 * ({@link io.github.convai4j.core.json.OpenEnum}), unknown union variants
 * ({@link io.github.convai4j.core.json.UnknownVariant}), and helpers generated code shares
 * ({@link io.github.convai4j.core.json.Unions}). The models'
 * shared reader and writer are {@link io.github.convai4j.internal.ModelType} and its siblings.
 *
 * <p>Applications use {@link io.github.convai4j.core.json.Codecs} to read or write a model as JSON text; the
 * rest is support for generated code and may change between versions.
 */
package io.github.convai4j.core.json;
