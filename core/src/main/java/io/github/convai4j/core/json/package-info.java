/**
 * The small hand-written runtime behind the generated models: codecs for JSON's primitive types, lists and
 * maps ({@link io.github.convai4j.core.json.Codecs}), lenient object reading
 * ({@link io.github.convai4j.core.json.ObjectReader}), the base of open enums
 * ({@link io.github.convai4j.core.json.OpenEnum}), unknown union variants
 * ({@link io.github.convai4j.core.json.UnknownVariant}), and the helpers every generated model shares
 * ({@link io.github.convai4j.core.json.Models}, {@link io.github.convai4j.core.json.Unions}).
 *
 * <p>Generated code calls these so that the logic exists once instead of in every model. Applications use
 * {@link io.github.convai4j.core.json.Codecs} to read or write a model as JSON text; the rest is support
 * for generated code and may change between versions.
 */
package io.github.convai4j.core.json;
