package io.github.convai4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The fake's route table: method and path pattern to handler, first match wins. */
final class Router {

    /** Answers one routed request. Runs on a server I/O thread: it must not block. */
    interface Handler {
        FakeResponse handle(RecordedRequest request, Map<String, String> pathParameters) throws Abort;
    }

    private static final class Route {
        final RoutePattern pattern;
        final Handler handler;

        Route(RoutePattern pattern, Handler handler) {
            this.pattern = pattern;
            this.handler = handler;
        }
    }

    private final List<Route> routes = new ArrayList<>();

    void add(String method, String pathPattern, Handler handler) {
        routes.add(new Route(RoutePattern.route(method, pathPattern), handler));
    }

    /** The response of the first matching route, or {@code null} when no route matches. */
    FakeResponse dispatch(RecordedRequest request) {
        for (Route route : routes) {
            Map<String, String> parameters = route.pattern.bind(request.method(), request.pathSegments());
            if (parameters != null) {
                try {
                    return route.handler.handle(request, parameters);
                } catch (Abort abort) {
                    return abort.response();
                }
            }
        }
        return null;
    }
}
