/**
 * Internal: what generated code and the clients call, with no compatibility promise. Any class here may
 * change or go away in any release, minor and patch releases included; applications should not use it
 * directly.
 *
 * <p>Two parts live here:
 * <ul>
 *   <li>The models' runtime. Generated models, unions and enums run on a compact descriptor per type
 *       ({@link io.github.convai4j.internal.ModelType}, {@link io.github.convai4j.internal.UnionType},
 *       {@link io.github.convai4j.internal.EnumType}) read and written by one shared reader and writer, and
 *       base classes that implement once what every model does alike. No registry refers to every type, and a
 *       type reaches another's codec only when it is read: an application shrunk with R8 or ProGuard keeps the
 *       models it can reach and nothing else.</li>
 *   <li>The calls' runtime: {@link io.github.convai4j.internal.ClientContext} sends an
 *       {@link io.github.convai4j.internal.ApiRequest} with the client's options (base URL, key, headers,
 *       timeouts, retries, logging) and turns the response into a value with a
 *       {@link io.github.convai4j.internal.ResponseHandler}; generated services call it. It is also the way to
 *       call an operation this version does not have yet ({@code client.context().executeRaw(...)}), with the
 *       same lack of promise.</li>
 * </ul>
 */
package io.github.convai4j.internal;
