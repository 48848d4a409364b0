package org.ganeval4j.preprocess.internal;

import java.lang.management.ManagementFactory;

/**
 * Correctly rounded float32 fused multiply-add, {@code round(a*b + c)}. Uses {@link Math#fma(float, float, float)}
 * where HotSpot compiles it to the FMA instruction; elsewhere {@code Math.fma} falls back to {@code BigDecimal}
 * (microseconds per call), so an exact emulation is used instead: the product of two floats is exact in double,
 * the sum is rounded to odd in double (TwoSum error term), and rounding that to float is then correct because
 * double carries more than two extra bits (Boldo &amp; Melquiond, "Emulation of FMA and correctly rounded sums:
 * proved algorithms using rounding to odd", IEEE TC 2008).
 */
public final class Fma {
    private static final boolean HARDWARE = hardwareFma();

    private Fma() {
    }

    /** {@code a*b + c} with a single rounding to float32. */
    public static float fma(float a, float b, float c) {
        return HARDWARE ? Math.fma(a, b, c) : emulated(a, b, c);
    }

    /** The emulation, exposed for tests; equal to {@link Math#fma(float, float, float)} for finite results. */
    public static float emulated(float a, float b, float c) {
        double p = (double) a * b;
        double s = p + c;
        if (!Double.isFinite(s)) {
            return Math.fma(a, b, c);
        }
        double bv = s - p;
        double err = (p - (s - bv)) + (c - bv);
        if (err != 0) {
            long bits = Double.doubleToRawLongBits(s);
            if ((bits & 1) == 0) {
                // round to odd: the exact sum lies between s and its neighbour on err's side, which has an odd last bit
                bits += (err > 0) == (s > 0) ? 1 : -1;
                s = Double.longBitsToDouble(bits);
            }
        }
        return (float) s;
    }

    private static boolean hardwareFma() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean != null && Boolean.parseBoolean(bean.getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
