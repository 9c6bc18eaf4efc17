package org.wenshu.app.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls to the running server over loopback (java.net.http), with Basic, bearer or no credentials. */
final class ApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** How a call authenticates: an {@code Authorization} header value, or none. */
    record Auth(String header, String label) {
        static Auth none() {
            return new Auth(null, "anonymous");
        }

        static Auth basic(String user, String password) {
            return new Auth("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)), "basic " + user);
        }

        static Auth bearer(String token, String label) {
            return new Auth("Bearer " + token, label);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One uploaded file part. */
    record FilePart(String name, String contentType, byte[] content) {
    }

    /** The answer: status, headers and body. */
    record Reply(int status, java.net.http.HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        Map<String, Object> json() {
            return JSON.readValue(body, new TypeReference<Map<String, Object>>() { });
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) json().get("items");
        }

        @Override
        public String toString() {
            String text = text();
            return status + " " + contentType() + " " + (text.length() > 600 ? text.substring(0, 600) + "…" : text);
        }
    }

    Reply get(String path, Auth auth) {
        return send("GET", path, auth, null, null, Map.of());
    }

    Reply json(String method, String path, Auth auth, Object body) {
        return json(method, path, auth, body, Map.of());
    }

    Reply json(String method, String path, Auth auth, Object body, Map<String, String> headers) {
        return send(method, path, auth, "application/json", body instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                : JSON.writeValueAsBytes(body), headers);
    }

    Reply multipart(String path, Auth auth, Map<String, String> fields, List<FilePart> files) {
        return multipartOf(path, auth, fields, files.stream().map(f -> Map.entry("files", f)).toList());
    }

    /** A multipart POST whose files go under the part name {@code filePart}. */
    Reply multipart(String path, Auth auth, Map<String, String> fields, List<FilePart> files, String filePart) {
        return multipart(path, auth, fields, filePart, files);
    }

    /** A multipart POST with the files under the part name {@code fileField}. */
    Reply multipart(String path, Auth auth, Map<String, String> fields, String fileField, List<FilePart> files) {
        return multipartOf(path, auth, fields, files.stream().map(f -> Map.entry(fileField, f)).toList());
    }

    /** A multipart post whose files go under the part names given (e.g. {@code list} and {@code data}). */
    Reply multipartParts(String path, Auth auth, Map<String, String> fields, Map<String, FilePart> parts) {
        return multipartOf(path, auth, fields, List.copyOf(parts.entrySet()));
    }

    private Reply multipartOf(String path, Auth auth, Map<String, String> fields, List<Map.Entry<String, FilePart>> parts) {
        String boundary = "----wenshu" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> field : fields.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                        + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(field.getValue().getBytes(StandardCharsets.UTF_8));
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, FilePart> part : parts) {
                FilePart file = part.getValue();
                // Browsers send the UTF-8 name as is and escape a quote as %22 (WHATWG multipart/form-data).
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.getKey() + "\"; filename=\""
                        + file.name().replace("\"", "%22") + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.write(file.content());
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send("POST", path, auth, "multipart/form-data; boundary=" + boundary, out.toByteArray(), Map.of());
    }

    Reply send(String method, String path, Auth auth, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (auth.header() != null) {
            request.header("Authorization", auth.header());
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
