package org.miniops.agent.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the dashboard's files from the {@code web/} folder of the class path, without a token.
 *
 * <p>Only {@code /}, {@code /index.html}, {@code /favicon.ico} and {@code /assets/...} are static;
 * every other path goes through authentication.
 */
final class StaticFiles implements HttpService {

    /** Path segments of plain names only, so no request can climb out of web/ with {@code ..} or encoded tricks. */
    private static final Pattern ASSET_PATH = Pattern.compile("/assets(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2");

    /** Returns whether {@code path} is one of the dashboard's public files. */
    static boolean isStatic(String path) {
        return path.equals("/") || path.equals("/index.html") || path.equals("/favicon.ico")
                || ASSET_PATH.matcher(path).matches();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (request, response) -> send(response, "index.html"))
                .get("/index.html", (request, response) -> send(response, "index.html"))
                .get("/favicon.ico", (request, response) -> send(response, "favicon.ico"))
                .get("/assets/*", this::asset);
    }

    private void asset(ServerRequest request, ServerResponse response) throws IOException {
        String path = request.path().path();
        if (!ASSET_PATH.matcher(path).matches()) {
            ApiErrors.send(response, 404, "not_found", "No file at " + path + ".");
            return;
        }
        send(response, path.substring(1));
    }

    private static void send(ServerResponse response, String name) throws IOException {
        try (InputStream file = StaticFiles.class.getClassLoader().getResourceAsStream("web/" + name)) {
            if (file == null) {
                ApiErrors.send(response, 404, "not_found", "No file at /" + name + ".");
                return;
            }
            byte[] body = file.readAllBytes();
            response.status(Status.OK_200);
            response.header(HeaderNames.CONTENT_TYPE, contentType(name));
            response.header(HeaderNames.CACHE_CONTROL, "no-cache");
            response.send(body);
        }
    }

    private static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
