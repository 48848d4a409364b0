package org.ganeval4j.preprocess;

import static org.assertj.core.api.Assertions.fail;

/** Bitwise float-array equality that reports the first difference (AssertJ's diff is quadratic on large arrays). */
final class FloatArrays {
    private FloatArrays() {
    }

    static void assertBitwiseEqual(float[] actual, float[] expected, String what) {
        if (actual.length != expected.length) {
            fail(what + ": expected " + expected.length + " values, found " + actual.length);
        }
        int differing = 0;
        int first = -1;
        for (int i = 0; i < actual.length; i++) {
            if (Float.floatToIntBits(actual[i]) != Float.floatToIntBits(expected[i])) {
                if (first < 0) {
                    first = i;
                }
                differing++;
            }
        }
        if (first >= 0) {
            fail(what + ": " + differing + " of " + actual.length + " values differ, first at " + first + ": expected "
                    + expected[first] + ", found " + actual[first]);
        }
    }
}
