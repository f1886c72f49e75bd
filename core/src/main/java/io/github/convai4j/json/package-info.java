/**
 * JSON as convai4j's models see it: the tri-state {@link io.github.convai4j.json.Field} (absent,
 * {@code null} or a value), the value tree {@link io.github.convai4j.json.JsonValue} (untyped parts of the API,
 * properties a model does not know, unknown union variants), the {@link io.github.convai4j.json.JsonCodec}
 * contract that every model, union and enum's {@code codec()} fulfils, the base of open enums
 * ({@link io.github.convai4j.json.OpenEnum}), {@link io.github.convai4j.json.UnknownVariant}, and
 * {@link io.github.convai4j.json.Json}: the one configured Jackson factory with its limits, and reading and
 * writing a value as JSON text, bytes or a tree.
 *
 * <p>A leaf: it depends on no other convai4j package (only on jackson-core).
 */
package io.github.convai4j.json;
