package org.ganeval4j.cli.internal.hype;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DIR/trials.jsonl}: one line per answer, only ever appended to. Each line is written in one
 * write and forced to the disk ({@link FileChannel#force}) before {@link #append} returns, so an
 * answer the page was told about survives a killed server or a power cut. A torn last line (a crash
 * mid-write) is skipped on reading and never glued to the next one. Not thread safe: the session
 * appends under its lock.
 */
public final class TrialLog implements Closeable {
    /** The file name. */
    public static final String FILE = "trials.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(TrialLog.class);

    private final Path file;
    private final FileChannel channel;
    private boolean needsBreak;

    private TrialLog(Path file, FileChannel channel, boolean needsBreak) {
        this.file = file;
        this.channel = channel;
        this.needsBreak = needsBreak;
    }

    /** Opens (creating) {@code DIR/trials.jsonl} for appending. */
    public static TrialLog open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(FILE);
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        long size = ch.size();
        boolean torn = false;
        if (size > 0) {
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, size - 1);
            torn = last.get(0) != '\n';
        }
        ch.position(size);
        return new TrialLog(f, ch, torn);
    }

    /** Appends the record as one line and forces it to the disk. */
    public void append(TrialRecord r) throws IOException {
        byte[] line = ((needsBreak ? "\n" : "") + r.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(line);
        long start = channel.position();
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            // whatever part was written is a torn line: the next append starts on a line of its own
            needsBreak = channel.size() > start;
            throw e;
        }
        needsBreak = false;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Every readable record of {@code DIR/trials.jsonl}, in file order; unreadable lines are skipped with a warning. */
    public static List<TrialRecord> read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        List<TrialRecord> out = new ArrayList<>();
        if (!Files.exists(f)) {
            return out;
        }
        int lineNo = 0;
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode o = Jsons.MAPPER.readTree(line);
                out.add(TrialRecord.parse(o));
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipping unreadable line {} of {}: {}", lineNo, f, e.getMessage());
            }
        }
        return out;
    }
}
