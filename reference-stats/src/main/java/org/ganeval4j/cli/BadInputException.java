package org.ganeval4j.cli;

/** Input the user must fix (exit code 2), with a message naming what was expected and found. */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }

    /** The most images per batch an option may ask for (memory grows with it: 4096 images of 299² are 4 GiB). */
    static final int MAX_BATCH = 4096;

    /** Refuses a batch size outside [1, {@value #MAX_BATCH}], naming the option. */
    static int requireBatch(int batch, String option) {
        if (batch < 1 || batch > MAX_BATCH) {
            throw new BadInputException(option + " must be in [1, " + MAX_BATCH + "], got " + batch);
        }
        return batch;
    }
}
