package org.ganeval4j.image;

/** Generated images hold NaN or infinite values (a diverged generator). */
public class NonFiniteImageException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    public NonFiniteImageException(String message) {
        super(message);
    }
}
