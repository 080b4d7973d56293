package app.tickler.dataio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

import app.tickler.platform.InvalidInput;
import jakarta.servlet.http.HttpServletResponse;

/**
 * File downloads streamed straight to the response, in the request's own thread (so as the caller),
 * a page of rows at a time: memory stays flat whatever the size.
 */
final class ImportDownloads {

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    private ImportDownloads() {
    }

    static void csv(HttpServletResponse response, String fileName, Body body) throws IOException {
        download(response, fileName, "text/csv;charset=UTF-8", body);
    }

    static void download(HttpServletResponse response, String fileName, String type, Body body) throws IOException {
        response.setContentType(type);
        if (type.startsWith("text/")) {
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        }
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString());
        OutputStream out = response.getOutputStream();
        body.write(out);
        out.flush();
    }

    static long id(String field, String text) {
        try {
            return Long.parseLong(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, "is not an id");
        }
    }
}
