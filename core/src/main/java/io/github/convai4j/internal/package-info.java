/**
 * Internal: what generated code calls, with no compatibility promise. Any class here may change or go away
 * in any release, minor and patch releases included; applications should not use it directly.
 *
 * <p>The generated models, unions and enums run on a small shared runtime: a compact descriptor per type
 * ({@link io.github.convai4j.internal.ModelType}, {@link io.github.convai4j.internal.UnionType},
 * {@link io.github.convai4j.internal.EnumType}) read and written by one reader and one writer, and base
 * classes that implement once what every model does alike. No registry refers to every type, and a type
 * reaches another's codec only when it is read: an application shrunk with R8 or ProGuard keeps the models it
 * can reach and nothing else.
 */
package io.github.convai4j.internal;
