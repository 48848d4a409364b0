package org.ganeval4j.image.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ganeval4j.image.DecodedImage;
import org.ganeval4j.image.ImageSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes encoded images in a thread pool ahead of the consumer (bounded prefetch), in order: a
 * reader thread hands each image's bytes to the pool; {@link #next} collects the results into
 * batches of equal-size images. Undecodable images are skipped and listed.
 */
abstract class DecodingImageSource implements ImageSource {
    private static final Logger LOG = LoggerFactory.getLogger(DecodingImageSource.class);
    private static final Object END = new Object();

    /** What the reader thread produces: an image's name and bytes, in order. */
    interface Reader {
        /** Calls {@code sink} for each image to decode, in order. */
        void read(ImageSink sink) throws IOException, InterruptedException;
    }

    /** Receives images to decode. */
    interface ImageSink {
        void accept(String name, byte[] bytes) throws InterruptedException;
    }

    private final ExecutorService pool;
    private final BlockingQueue<Object> queue;
    private final Thread reader;
    private final List<String> skipped = Collections.synchronizedList(new ArrayList<>());
    private volatile IOException readFailure;
    private DecodedImage pending;
    private boolean ended;
    private List<String> lastNames = List.of();

    DecodingImageSource(Reader read, int threads) {
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ganeval4j-decode");
            t.setDaemon(true);
            return t;
        });
        this.queue = new ArrayBlockingQueue<>(Math.max(16, threads * 16));
        this.reader = new Thread(() -> {
            try {
                read.read((name, bytes) -> queue.put(CompletableFuture.supplyAsync(() -> DecodedImage.decode(name, bytes), pool)));
            } catch (IOException e) {
                readFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                readFailure = new IOException(e.getMessage(), e);
            } finally {
                try {
                    queue.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "ganeval4j-read");
        reader.setDaemon(true);
        reader.start();
    }

    private DecodedImage take() throws IOException {
        while (true) {
            if (pending != null) {
                DecodedImage d = pending;
                pending = null;
                return d;
            }
            if (ended) {
                return null;
            }
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while decoding images", e);
            }
            if (o == END) {
                ended = true;
                if (readFailure != null) {
                    throw readFailure;
                }
                return null;
            }
            @SuppressWarnings("unchecked")
            DecodedImage d = ((CompletableFuture<DecodedImage>) o).join();
            if (d.ok()) {
                return d;
            }
            skipped.add(d.name() + ": " + d.failure());
            LOG.warn("skipping {}: {}", d.name(), d.failure());
        }
    }

    @Override
    public INDArray next(int maxBatch) throws IOException {
        List<DecodedImage> batch = new ArrayList<>();
        while (batch.size() < maxBatch) {
            DecodedImage d = take();
            if (d == null) {
                break;
            }
            if (!batch.isEmpty()) {
                DecodedImage first = batch.get(0);
                if (d.channels() != first.channels() || d.height() != first.height() || d.width() != first.width()) {
                    pending = d;
                    break;
                }
            }
            batch.add(d);
        }
        if (batch.isEmpty()) {
            lastNames = List.of();
            return null;
        }
        lastNames = batch.stream().map(DecodedImage::name).toList();
        DecodedImage first = batch.get(0);
        int per = first.pixels().length;
        float[] v = new float[batch.size() * per];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(batch.get(i).pixels(), 0, v, i * per, per);
        }
        return Nd4j.create(v, new long[] {batch.size(), first.channels(), first.height(), first.width()}, 'c')
                .castTo(DataType.FLOAT);
    }

    @Override
    public List<String> lastNames() {
        return lastNames;
    }

    @Override
    public List<String> skipped() {
        synchronized (skipped) {
            return List.copyOf(skipped);
        }
    }

    @Override
    public void close() {
        reader.interrupt();
        pool.shutdownNow();
    }
}
