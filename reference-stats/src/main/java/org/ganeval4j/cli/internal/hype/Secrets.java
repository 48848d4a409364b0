package org.ganeval4j.cli.internal.hype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The session's two secrets, made once and kept in {@code DIR/secrets.json} (readable by its owner
 * only) so that a restarted server answers the same links: the token every request must carry with
 * {@code --allow-remote}, and the key of the results page.
 *
 * @param token 128 random bits, URL-safe base64
 * @param key   128 random bits, URL-safe base64
 */
record Secrets(String token, String key) {
    static final String FILE = "secrets.json";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Reads {@code DIR/secrets.json}, making it first when there is none. */
    static Secrets of(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (Files.isRegularFile(f)) {
            JsonNode o = Jsons.MAPPER.readTree(f.toFile());
            if (o.hasNonNull("token") && o.hasNonNull("key")) {
                return new Secrets(o.get("token").asText(), o.get("key").asText());
            }
        }
        Secrets s = new Secrets(random(), random());
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        o.put("token", s.token);
        o.put("key", s.key);
        Path tmp = dir.resolve("." + FILE + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.write(tmp, Jsons.MAPPER.writeValueAsBytes(o));
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return s;
    }

    private static String random() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
