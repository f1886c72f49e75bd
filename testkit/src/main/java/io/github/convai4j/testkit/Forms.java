package io.github.convai4j.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.github.convai4j.testkit.JsonTree.object;

/** Reading multipart form fields the way FastAPI validates {@code UploadFile} and {@code Form} parameters. */
final class Forms {

    private static final Logger LOG = LoggerFactory.getLogger(FakeAgentsPlatform.class);

    private Forms() {
    }

    /** The request's form; a body that is not multipart reads as an empty form (fields are then missing). */
    static MultipartForm read(RecordedRequest request) throws Abort {
        String contentType = request.contentType();
        if (!MultipartForm.isMultipart(contentType)) {
            return MultipartForm.empty();
        }
        try {
            return MultipartForm.parse(contentType, request.bodyBytesUnsafe());
        } catch (MultipartForm.MalformedException e) {
            LOG.warn("convai4j-testkit rejected the multipart body of {} {}: {}", request.method(), request.path(),
                    e.getMessage());
            throw new Abort(ApiErrors.unparsableMultipart());
        }
    }

    /** A required file part; collects FastAPI's errors for a missing part or a part without a filename. */
    static MultipartForm.Part file(MultipartForm form, String name, Validation validation) {
        MultipartForm.Part part = form.part(name);
        if (part == null) {
            validation.error("missing", Validation.loc("body", name), "Field required", null, null);
            return null;
        }
        if (!part.isFile()) {
            validation.error("value_error", Validation.loc("body", name),
                    "Value error, Expected UploadFile, received: <class 'str'>", part.text(),
                    object("error", object()));
            return null;
        }
        return part;
    }

    /** An optional text field, or {@code null}. */
    static String text(MultipartForm form, String name) {
        MultipartForm.Part part = form.part(name);
        return part == null ? null : part.text();
    }

    static StoredFile stored(MultipartForm.Part part) {
        String contentType = part.contentType == null ? "application/octet-stream" : part.contentType;
        return new StoredFile(part.filename, contentType, part.content);
    }
}
