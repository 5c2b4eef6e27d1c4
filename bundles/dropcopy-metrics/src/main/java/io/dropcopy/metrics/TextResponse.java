package io.dropcopy.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletResponse;

/** Writes a whole text body (UTF-8) with its status, type and length, as the probes and Prometheus read it. */
final class TextResponse {
    private TextResponse() {
    }

    static void write(HttpServletResponse response, int status, String contentType, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
