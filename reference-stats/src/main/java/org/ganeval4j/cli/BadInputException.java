package org.ganeval4j.cli;

/** Input the user must fix (exit code 2), with a message naming what was expected and found. */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}
